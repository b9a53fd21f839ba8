package com.boxncase.invites.api.ops;

import com.boxncase.invites.api.web.InvalidField;

/** A dead letter's address in the dead-letter topic, written {@code <partition>-<offset>}. */
record DeadLetterId(int partition, long offset) {

    static DeadLetterId parse(String field, String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        try {
            if (dash > 0) {
                DeadLetterId id = new DeadLetterId(
                        Integer.parseInt(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
                if (id.partition >= 0 && id.offset >= 0) {
                    return id;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw new InvalidField(field, "must be <partition>-<offset>, e.g. 0-42");
    }

    @Override
    public String toString() {
        return DeadLetter.id(partition, offset);
    }
}
