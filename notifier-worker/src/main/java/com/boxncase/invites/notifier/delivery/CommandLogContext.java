package com.boxncase.invites.notifier.delivery;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;

/**
 * Puts a command's invite and command ids, and the trace and parent span ids of its {@code traceparent}, in the
 * logging context for the lines written about it ({@code try (var ignored = CommandLogContext.of(incoming)) {...}}).
 * Never the link token.
 */
final class CommandLogContext implements AutoCloseable {

    private static final String[] KEYS = {"inviteId", "commandId", "traceId", "spanId"};

    private CommandLogContext() {}

    static CommandLogContext of(IncomingCommand incoming) {
        MDC.put("inviteId", incoming.command().inviteId());
        MDC.put("commandId", incoming.command().commandId());
        Header header = incoming.record().headers().lastHeader(DeliveryStatusEvents.TRACEPARENT);
        if (header != null && header.value() != null) {
            // version-traceid-parentid-flags: 00-<32 hex>-<16 hex>-<2 hex>
            String[] parts = new String(header.value(), StandardCharsets.US_ASCII).split("-");
            if (parts.length == 4 && parts[1].length() == 32 && parts[2].length() == 16) {
                MDC.put("traceId", parts[1]);
                MDC.put("spanId", parts[2]);
            }
        }
        return new CommandLogContext();
    }

    @Override
    public void close() {
        for (String key : KEYS) {
            MDC.remove(key);
        }
    }
}
