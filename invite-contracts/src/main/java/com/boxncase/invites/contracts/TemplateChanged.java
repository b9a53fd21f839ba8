package com.boxncase.invites.contracts;

import java.time.Instant;

/** Notice: a store saved or deleted its template override for one channel and locale. */
public record TemplateChanged(int schemaVersion, String storeId, Channel channel, String locale, Instant changedAt) {

    public static final int SCHEMA_VERSION = 1;
}
