package com.boxncase.invites.api.invite;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counter {@code invites.api.operations} by {@code operation} (create, resend, revoke, accept) and
 * {@code outcome} (success, invalid, not_found, conflict, gone, unprocessable, rate_limited, error), read from
 * the response once the request is done. Tags never carry a store id or an address.
 */
@Configuration
class InviteOperationMetrics implements WebMvcConfigurer, HandlerInterceptor {

    private static final Map<String, String> OPERATIONS = Map.of(
            InviteController.class.getName() + "#create", "create",
            InviteController.class.getName() + "#resend", "resend",
            InviteController.class.getName() + "#delete", "revoke",
            AcceptController.class.getName() + "#accept", "accept");

    private final MeterRegistry meters;

    InviteOperationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/**");
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
        if (!(handler instanceof HandlerMethod method)) {
            return;
        }
        String operation = OPERATIONS.get(
                method.getBeanType().getName() + "#" + method.getMethod().getName());
        if (operation == null) {
            return;
        }
        Counter.builder("invites.api.operations")
                .description("Invite operations through the API, by outcome")
                .tag("operation", operation)
                .tag("outcome", outcome(exception != null && response.getStatus() < 400 ? 500 : response.getStatus()))
                .register(meters)
                .increment();
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "success";
        }
        return switch (status) {
            case 400 -> "invalid";
            case 401, 403 -> "denied";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 410 -> "gone";
            case 422 -> "unprocessable";
            case 429 -> "rate_limited";
            default -> "error";
        };
    }
}
