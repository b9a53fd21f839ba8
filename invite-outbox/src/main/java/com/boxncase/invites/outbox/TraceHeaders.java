package com.boxncase.invites.outbox;

import java.util.Map;

/**
 * The trace context of the calling thread as message headers (W3C {@code traceparent}), so that a message
 * published later, from another thread, continues the trace of the request or job that wrote it.
 */
@FunctionalInterface
public interface TraceHeaders {

    /** For services without a tracer: messages carry no trace context. */
    TraceHeaders NONE = Map::of;

    /** The current trace context as headers; empty when there is no current span. */
    Map<String, String> current();
}
