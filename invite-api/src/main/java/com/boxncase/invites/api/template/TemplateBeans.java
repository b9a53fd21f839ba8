package com.boxncase.invites.api.template;

import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandboxed FreeMarker renderer (with the shipped defaults) and the validator for store overrides. */
@Configuration(proxyBeanMethods = false)
class TemplateBeans {

    @Bean
    TemplateRenderer templateRenderer() {
        return new TemplateRenderer();
    }

    @Bean
    TemplateValidator templateValidator(TemplateRenderer renderer) {
        return new TemplateValidator(renderer);
    }
}
