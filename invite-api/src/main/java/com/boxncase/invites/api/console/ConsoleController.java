package com.boxncase.invites.api.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The standalone console at {@code /admin} (a static page, {@code static/admin/index.html}, that hosts the same
 * {@code <invites-console>} component platforms embed) and the small config document it starts from.
 */
@RestController
class ConsoleController {

    private final ConsoleSignIn signIn;

    ConsoleController(ConsoleSignIn signIn) {
        this.signIn = signIn;
    }

    /** How to sign in: {@code {"signIn": "OIDC" | "LOCAL" | "NONE", "oidc": {issuer, clientId, scopes}}}. */
    @GetMapping("/admin/config")
    ResponseEntity<ConsoleSignIn.Config> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(signIn.config());
    }

    @Configuration(proxyBeanMethods = false)
    static class Page implements WebMvcConfigurer {

        @Override
        public void addViewControllers(ViewControllerRegistry registry) {
            registry.addViewController("/admin").setViewName("forward:/admin/index.html");
            registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
        }
    }
}
