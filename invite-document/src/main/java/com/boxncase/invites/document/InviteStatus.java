package com.boxncase.invites.document;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of an invite. PENDING and EXPIRED are "open": listed by default and resendable. */
public enum InviteStatus {
    PENDING,
    EXPIRED,
    ACCEPTED,
    REVOKED;

    public static final Set<InviteStatus> OPEN = EnumSet.of(PENDING, EXPIRED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
