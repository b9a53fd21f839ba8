package com.boxncase.invites.api.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP edge: the body limit and the accept rate limit (run inside the security filter chain, after its header
 * writer, so their 413 and 429 answers carry the security headers too), the security headers, and Tomcat's error
 * report as a problem document.
 */
@Configuration(proxyBeanMethods = false)
class HttpEdge {

    @Bean
    RequestBodyLimit requestBodyLimit(HttpProperties properties, Problems problems) {
        return new RequestBodyLimit(properties, problems);
    }

    @Bean
    AcceptRateLimit acceptRateLimit(HttpProperties properties, Problems problems) {
        return new AcceptRateLimit(properties.acceptRateLimit(), problems);
    }

    @Bean
    SecurityHeaders securityHeaders(HttpProperties properties) {
        return new SecurityHeaders(properties.headers());
    }

    /** Cross-origin access for the configured origins; none configured: no CORS filter at all. */
    @Bean
    CrossOriginFilter crossOriginFilter(HttpProperties properties) {
        return new CrossOriginFilter(CrossOrigin.filter(properties.cors()));
    }

    @Bean
    FilterRegistrationBean<CrossOriginFilter> crossOriginNotAServletFilter(CrossOriginFilter filter) {
        FilterRegistrationBean<CrossOriginFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /** Both filters belong to the security filter chain only; Boot would otherwise also run them on their own. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimitNotAServletFilter(RequestBodyLimit filter) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AcceptRateLimit> acceptRateLimitNotAServletFilter(AcceptRateLimit filter) {
        FilterRegistrationBean<AcceptRateLimit> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Replaces the host's error report valve (Boot adds one that renders HTML) with {@link ProblemErrorReportValve}.
     * Runs after Boot's customizer, whose valve it removes.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        // else the host adds Tomcat's own valve at start, in front of this one's reports
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    }
                    var pipeline = context.getParent().getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                            pipeline.removeValve(valve);
                        }
                    }
                    pipeline.addValve(new ProblemErrorReportValve());
                });
            }
        };
    }
}
