package com.boxncase.invites.api.ops;

import com.boxncase.invites.contracts.NotifyInvite;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One record of the dead-letter topic as operators see it: where it came from, why it failed, and whether it
 * can be replayed. A poison record (no readable {@link NotifyInvite}) carries its raw payload instead.
 *
 * @param id {@code <partition>-<offset>} in the dead-letter topic; what replay takes
 * @param attempts delivery attempts before dead-lettering, from the retry-topic header when present
 * @param payloadEncoding {@code utf-8} or {@code base64}, for poison records only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeadLetter(
        String id,
        int partition,
        long offset,
        String originalTopic,
        String key,
        String inviteId,
        String commandId,
        String reason,
        String exceptionClass,
        String exceptionCauseClass,
        String exceptionMessage,
        Integer attempts,
        Instant timestamp,
        boolean replayable,
        String payload,
        String payloadEncoding,
        @JsonIgnore NotifyInvite command) {

    static String id(int partition, long offset) {
        return partition + "-" + offset;
    }

    /** Whether the failure was {@code exceptionClass} (fully qualified or simple name), directly or as the cause. */
    boolean failedWith(String exceptionClass) {
        return matches(this.exceptionClass, exceptionClass) || matches(exceptionCauseClass, exceptionClass);
    }

    private static boolean matches(String actual, String wanted) {
        return actual != null && (actual.equals(wanted) || actual.endsWith("." + wanted));
    }
}
