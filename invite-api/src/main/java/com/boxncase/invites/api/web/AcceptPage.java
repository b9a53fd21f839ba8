package com.boxncase.invites.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the invitee's page at {@code /accept} (the default {@code acceptUrlBase}): a static page that shows
 * the invitation and accepts it through the public accept endpoints. Platforms with their own admin UI set
 * {@code acceptUrlBase} to their page instead.
 */
@Configuration
class AcceptPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/accept").setViewName("forward:/accept.html");
    }
}
