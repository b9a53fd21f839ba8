package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.user.AdminUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The invitee's side, without authentication: the link token is the credential. */
@RestController
@RequestMapping("/api/v1/invites/accept")
class AcceptController {

    private final AcceptanceService acceptance;

    AcceptController(AcceptanceService acceptance) {
        this.acceptance = acceptance;
    }

    /** Shows the invitation; does not consume the token. */
    @GetMapping
    AcceptanceService.Invitation preview(@RequestParam(required = false) String token) {
        return acceptance.preview(token);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AdminUser accept(@Valid @RequestBody AcceptRequest request) {
        return acceptance.accept(request.token(), request.name().strip());
    }

    record AcceptRequest(
            @NotBlank @Size(max = 128) String token,

            @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
            String name) {}
}
