package com.boxncase.invites.api.template;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.templates.TemplateProperties;
import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateValidator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandboxed FreeMarker renderer (with the shipped defaults), bounded by {@code invites.templates.render.*}
 * exactly as in notifier-worker, and the validator that renders a store's override for every configured role.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemplateProperties.class)
class TemplateBeans {

    @Bean
    TemplateRenderer templateRenderer(TemplateProperties properties) {
        return new TemplateRenderer(properties.limits());
    }

    @Bean
    TemplateValidator templateValidator(TemplateRenderer renderer, InvitesProperties properties) {
        return new TemplateValidator(renderer, properties.roles());
    }
}
