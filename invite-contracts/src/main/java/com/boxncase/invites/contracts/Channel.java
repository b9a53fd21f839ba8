package com.boxncase.invites.contracts;

/** How an invitation reaches the invitee. A store chooses one or both. */
public enum Channel {
    EMAIL,
    SMS
}
