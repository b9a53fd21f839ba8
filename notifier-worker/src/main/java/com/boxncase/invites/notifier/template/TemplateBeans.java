package com.boxncase.invites.notifier.template;

import com.boxncase.invites.templates.RoleCatalog;
import com.boxncase.invites.templates.TemplateProperties;
import com.boxncase.invites.templates.TemplateRenderer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandboxed renderer, bounded by {@code invites.templates.render.*} (closing it stops its render threads), and
 * the role names of {@code invites.templates.roles.*} over the shipped ones.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemplateProperties.class)
class TemplateBeans {

    @Bean
    TemplateRenderer templateRenderer(TemplateProperties properties) {
        return new TemplateRenderer(properties.limits());
    }

    @Bean
    RoleCatalog roleCatalog(TemplateProperties properties) {
        return properties.roleCatalog();
    }
}
