package com.boxncase.invites.outbox;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/** {@link TraceHeaders} through Micrometer Tracing: the service's propagation format (Boot's default: W3C). */
class MicrometerTraceHeaders implements TraceHeaders {

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    MicrometerTraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Map<String, String> current() {
        Tracer tracer = this.tracer.getIfAvailable();
        Propagator propagator = this.propagator.getIfAvailable();
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
