package com.boxncase.invites.notifier.delivery;

/** A record this worker cannot read (not JSON, an unknown schema version, missing ids): dead-lettered at once. */
public class UnsupportedCommand extends RuntimeException {

    public UnsupportedCommand(String message) {
        super(message, null, false, false);
    }
}
