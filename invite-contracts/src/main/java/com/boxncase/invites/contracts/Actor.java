package com.boxncase.invites.contracts;

/** Who did something: an admin (JWT subject and display name), the invitee, or a system component. */
public record Actor(String id, String name) {

    public static Actor system(String component) {
        return new Actor("system:" + component, component);
    }
}
