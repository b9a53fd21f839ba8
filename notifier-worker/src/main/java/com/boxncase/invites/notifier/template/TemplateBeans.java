package com.boxncase.invites.notifier.template;

import com.boxncase.invites.templates.TemplateRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TemplateBeans {

    @Bean
    TemplateRenderer templateRenderer() {
        return new TemplateRenderer();
    }
}
