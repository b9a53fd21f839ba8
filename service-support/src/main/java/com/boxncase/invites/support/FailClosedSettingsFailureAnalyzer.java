package com.boxncase.invites.support;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start-up as Boot's "APPLICATION FAILED TO START" report instead of a stack trace. */
class FailClosedSettingsFailureAnalyzer extends AbstractFailureAnalyzer<FailClosedSettings.InsecureSettings> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FailClosedSettings.InsecureSettings cause) {
        return new FailureAnalysis(
                "Settings that protect access are missing or hold published development values:\n  - "
                        + String.join("\n  - ", cause.problems()),
                "Set each to a private value (secrets: at least 32 random bytes), or run with the '"
                        + FailClosedSettings.LOCAL_PROFILE + "' profile on a development machine.",
                cause);
    }
}
