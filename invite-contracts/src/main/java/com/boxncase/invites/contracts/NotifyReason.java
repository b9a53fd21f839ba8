package com.boxncase.invites.contracts;

/** Why a {@link NotifyInvite} command was issued; templates differ by reason. */
public enum NotifyReason {
    INVITE,
    RESEND,
    REMINDER
}
