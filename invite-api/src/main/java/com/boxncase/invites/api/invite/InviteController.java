package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.security.Caller;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Pending Invites table and its row actions: invite, list, resend, copy link, delete. */
@RestController
@RequestMapping("/api/v1/stores/{storeId}/invites")
class InviteController {

    private final InviteService invites;
    private final Clock clock;

    InviteController(InviteService invites, Clock clock) {
        this.invites = invites;
        this.clock = clock;
    }

    /**
     * The request is judged by {@link NewInvites}, the same code that judges each row of a bulk request. The answer
     * is a plain body with its status, not a {@code ResponseEntity}: Spring flushes a {@code ResponseEntity} before
     * the request ends, so its JSON went out chunked, in two writes to the socket; unflushed, Tomcat sends it
     * whole with its {@code Content-Length}, in one.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    InviteView create(
            @PathVariable String storeId,
            @RequestBody CreateInviteRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            Authentication authentication,
            HttpServletResponse response) {
        Invite invite = invites.create(storeId, request, Caller.of(authentication), idempotencyKey);
        response.setHeader(HttpHeaders.LOCATION, "/api/v1/stores/" + storeId + "/invites/" + invite.id());
        return InviteView.of(invite, clock.instant());
    }

    /**
     * Newest first; by default the invites not accepted yet (PENDING and EXPIRED). {@code emailPrefix}: only
     * emails that start with it, ignoring case.
     */
    @GetMapping
    InviteView.Page list(
            @PathVariable String storeId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String emailPrefix,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return invites.list(storeId, status, emailPrefix, limit, cursor);
    }

    @GetMapping("/{inviteId}")
    InviteView get(@PathVariable String storeId, @PathVariable String inviteId) {
        return InviteView.of(invites.get(storeId, inviteId), clock.instant());
    }

    @PostMapping("/{inviteId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    InviteView resend(
            @PathVariable String storeId,
            @PathVariable String inviteId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey,
            Authentication authentication) {
        return InviteView.of(
                invites.resend(storeId, inviteId, Caller.of(authentication), idempotencyKey), clock.instant());
    }

    @GetMapping("/{inviteId}/link")
    InviteService.InviteLink link(
            @PathVariable String storeId, @PathVariable String inviteId, Authentication authentication) {
        return invites.link(storeId, inviteId, Caller.of(authentication));
    }

    @DeleteMapping("/{inviteId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String storeId, @PathVariable String inviteId, Authentication authentication) {
        invites.revoke(storeId, inviteId, Caller.of(authentication));
    }
}
