package com.boxncase.invites.api.user;

import com.boxncase.invites.api.InvitesProperties;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/stores/{storeId}/roles}: the roles an invite may grant ({@code invites.roles}), for the
 * Invite form's role choice. Per store in the path, so stores can get their own roles without a new API.
 */
@RestController
class RoleController {

    private final InvitesProperties properties;

    RoleController(InvitesProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/api/v1/stores/{storeId}/roles")
    Roles roles(@PathVariable String storeId) {
        return new Roles(properties.roles().stream().map(Role::new).toList());
    }

    /** @param id the value an invite's {@code role} takes */
    record Role(String id) {}

    record Roles(List<Role> items) {}
}
