package com.boxncase.invites.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document (/v3/api-docs) and Swagger UI: bearer JWT, so "Try it out" works with a token. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI invitesOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("BoxNCase Invites API")
                        .version("v1")
                        .description("Invite admin users to a store, track pending invites, resend, copy the link,"
                                + " delete; the invitee accepts with the link token. Errors are"
                                + " application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
