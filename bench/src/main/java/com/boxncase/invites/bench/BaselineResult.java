package com.boxncase.invites.bench;

/**
 * One phase of the synchronous baseline: the load, and the CPU of its handler threads (bench JVM) and of the
 * MongoDB-wire server. Every 201 is an email already accepted by the sink, so accepted/s is delivered/s.
 */
record BaselineResult(
        String name,
        int offeredRate,
        long smtpDelayMillis,
        HttpLoad.Result api,
        double handlerCpuSeconds,
        double mongoServerCpuSeconds) {

    double cpuMillisPerInvite() {
        return api.ok() == 0 ? Double.NaN : (handlerCpuSeconds + mongoServerCpuSeconds) * 1000 / api.ok();
    }

    boolean openLoop() {
        return offeredRate > 0;
    }
}
