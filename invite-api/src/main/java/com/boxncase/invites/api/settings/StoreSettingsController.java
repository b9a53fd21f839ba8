package com.boxncase.invites.api.settings;

import com.boxncase.invites.api.security.Caller;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /api/v1/stores/{storeId}/settings}: delivery channels, branding, link base, defaults. */
@RestController
@RequestMapping("/api/v1/stores/{storeId}/settings")
class StoreSettingsController {

    private final StoreSettingsService settings;

    StoreSettingsController(StoreSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    StoreSettings get(@PathVariable String storeId) {
        return settings.settingsOf(storeId);
    }

    @PutMapping
    StoreSettings put(
            @PathVariable String storeId,
            @Valid @RequestBody StoreSettingsRequest request,
            Authentication authentication) {
        return settings.save(storeId, request, Caller.of(authentication).id());
    }
}
