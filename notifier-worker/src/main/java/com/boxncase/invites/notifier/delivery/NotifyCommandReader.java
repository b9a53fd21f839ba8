package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.NotifyInvite;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link NotifyInvite} from a record's bytes. The listener receives bytes rather than objects so that a
 * record that is not a command reaches the dead-letter topic exactly as it came, without a deserializer exception
 * travelling in a header. Version 1 commands also carried the recipient and the store's branding: those fields are
 * ignored, only the ids are read.
 */
@Component
class NotifyCommandReader {

    private final ObjectReader reader;

    NotifyCommandReader(JsonMapper json) {
        this.reader = json.readerFor(NotifyInvite.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** @throws UnsupportedCommand when the bytes are not a command this worker can deliver */
    NotifyInvite read(byte[] value) {
        if (value == null || value.length == 0) {
            throw new UnsupportedCommand("empty record");
        }
        NotifyInvite command;
        try {
            command = reader.readValue(value);
        } catch (RuntimeException e) {
            throw new UnsupportedCommand("not a NotifyInvite: " + e.getMessage());
        }
        if (command == null) {
            throw new UnsupportedCommand("not a NotifyInvite: null");
        }
        if (!NotifyInvite.readable(command.schemaVersion())) {
            throw new UnsupportedCommand("unsupported NotifyInvite schema version " + command.schemaVersion());
        }
        if (!command.complete() || command.channels().isEmpty()) {
            throw new UnsupportedCommand("NotifyInvite lacks commandId, inviteId, storeId, reason, linkId or channels");
        }
        return command;
    }
}
