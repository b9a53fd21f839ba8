package com.boxncase.invites.api.user;

import com.boxncase.invites.api.web.KeysetCursor;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/stores/{storeId}/users}: Settings -> Users, the store's admin users, newest first. */
@RestController
class AdminUserController {

    private final AdminUsers users;

    AdminUserController(AdminUsers users) {
        this.users = users;
    }

    @GetMapping("/api/v1/stores/{storeId}/users")
    UserPage list(
            @PathVariable String storeId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        List<AdminUser> page = users.page(storeId, KeysetCursor.decode("cursor", cursor), limit + 1);
        List<UserView> items = page.stream().limit(limit).map(UserView::of).toList();
        String next = null;
        if (page.size() > limit) {
            AdminUser last = page.get(limit - 1);
            next = new KeysetCursor(last.acceptedAt(), last.inviteId()).encode();
        }
        return new UserPage(items, next);
    }

    /** One admin user: {@code id} is the invite they accepted, {@code joinedAt} when they accepted it. */
    record UserView(String id, String name, String email, String role, Instant joinedAt) {

        static UserView of(AdminUser user) {
            return new UserView(user.inviteId(), user.name(), user.email(), user.role(), user.acceptedAt());
        }
    }

    /** A page of users and the cursor of the next one (null on the last page). */
    record UserPage(List<UserView> items, String nextCursor) {}
}
