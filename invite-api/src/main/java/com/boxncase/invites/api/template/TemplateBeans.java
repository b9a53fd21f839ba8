package com.boxncase.invites.api.template;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.templates.RoleCatalog;
import com.boxncase.invites.templates.TemplateProperties;
import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateValidator;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandboxed FreeMarker renderer (with the shipped defaults), bounded by {@code invites.templates.render.*}
 * exactly as in notifier-worker, the role names, and the validator that renders a store's override for every
 * configured role.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemplateProperties.class)
class TemplateBeans {

    @Bean
    TemplateRenderer templateRenderer(TemplateProperties properties) {
        return new TemplateRenderer(properties.limits());
    }

    /**
     * The role names of {@code invites.templates.roles.*} over the shipped ones; every role invites can grant
     * ({@code invites.roles}) must have an English name, or the service does not start: messages never show a
     * role's code.
     */
    @Bean
    RoleCatalog roleCatalog(TemplateProperties templates, InvitesProperties invites) {
        RoleCatalog catalog = templates.roleCatalog();
        List<String> unnamed = catalog.unnamed(invites.roles());
        if (!unnamed.isEmpty()) {
            throw new IllegalStateException("Every role in invites.roles needs a display name for the invitee; set "
                    + String.join(", ", unnamed));
        }
        return catalog;
    }

    @Bean
    TemplateValidator templateValidator(TemplateRenderer renderer, RoleCatalog roles, InvitesProperties properties) {
        return new TemplateValidator(renderer, roles, properties.roles());
    }
}
