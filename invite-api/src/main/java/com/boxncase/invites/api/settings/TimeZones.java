package com.boxncase.invites.api.settings;

import java.time.ZoneId;

/** What a store's time zone may be: an IANA region id ({@code America/New_York}) or {@code UTC}. */
public final class TimeZones {

    public static final String RULE = "must be an IANA time zone such as Europe/Berlin, America/New_York or UTC";

    private TimeZones() {}

    /** A region id the JDK knows; offsets such as {@code +02:00} are refused (they ignore daylight saving). */
    public static boolean isKnown(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id);
    }
}
