package com.boxncase.invites.expiry.reminder;

import com.boxncase.invites.contracts.NotifyInvite.StoreBranding;

/** What a reminder needs of a store: whether it wants reminders, and how it presents itself. */
record StoreSettings(boolean remindersEnabled, StoreBranding branding, String defaultLocale) {}
