package com.boxncase.invites.api.web;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The ids in API paths ({@code storeId}, {@code inviteId}): letters, digits, {@code .}, {@code _} and {@code -},
 * starting with a letter or digit, at most 64 characters. Checked here for every endpoint, before its controller
 * runs: a 400 naming the path variable. Store ids end up in keys built with {@code :} and {@code |} (template ids,
 * the one-open-invite key), which the pattern keeps out. The OpenAPI document states the same rule.
 */
@Configuration(proxyBeanMethods = false)
class PathIds implements WebMvcConfigurer {

    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String REASON = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final Pattern ID = Pattern.compile(PATTERN);
    private static final java.util.Set<String> IDS = java.util.Set.of("storeId", "inviteId");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                        instanceof Map<?, ?> variables) {
                    for (String name : IDS) {
                        if (variables.get(name) instanceof String value
                                && !ID.matcher(value).matches()) {
                            throw new InvalidField(name, REASON);
                        }
                    }
                }
                return true;
            }
        });
    }

    @Bean
    OpenApiCustomizer pathIdsInTheDocument() {
        return api -> api.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getParameters() == null) {
                        return;
                    }
                    for (Parameter parameter : operation.getParameters()) {
                        if ("path".equals(parameter.getIn()) && IDS.contains(parameter.getName())) {
                            parameter.setSchema(new StringSchema()
                                    .pattern("^" + PATTERN + "$")
                                    .maxLength(64));
                            parameter.setDescription(REASON);
                        }
                    }
                }));
    }
}
