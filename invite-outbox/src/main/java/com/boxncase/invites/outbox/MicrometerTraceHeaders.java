package com.boxncase.invites.outbox;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/** {@link TraceHeaders} through Micrometer Tracing: the service's propagation format (Boot's default: W3C). */
class MicrometerTraceHeaders implements TraceHeaders {

    private final ObjectProvider<Tracer> tracerProvider;
    private final ObjectProvider<Propagator> propagatorProvider;
    /**
     * Looked up once, on first use (they may be created after this bean): a bean factory lookup per message was a
     * fifth of the CPU of a bulk create, which builds two messages per invite.
     */
    private volatile Tracer tracer;

    private volatile Propagator propagator;

    MicrometerTraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracerProvider = tracer;
        this.propagatorProvider = propagator;
    }

    @Override
    public Map<String, String> current() {
        Tracer tracer = this.tracer;
        if (tracer == null) {
            tracer = this.tracer = tracerProvider.getIfAvailable();
        }
        Propagator propagator = this.propagator;
        if (propagator == null) {
            propagator = this.propagator = propagatorProvider.getIfAvailable();
        }
        TraceContext context =
                tracer == null ? null : tracer.currentTraceContext().context();
        if (context == null || propagator == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(context, headers, Map::put);
        return headers;
    }
}
