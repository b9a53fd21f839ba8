package com.boxncase.invites.notifier.delivery;

/** A command this worker cannot read (e.g. an unknown schema version): poison, dead-lettered at once. */
public class UnsupportedCommand extends RuntimeException {

    public UnsupportedCommand(String message) {
        super(message);
    }
}
