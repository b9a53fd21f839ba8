package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.web.InvalidField;

/** The cursor of a page of import results: the position of the next row in the file, as text. */
final class ImportCursor {

    private ImportCursor() {}

    static String encode(int row) {
        return Integer.toString(row);
    }

    static int decode(String cursor) {
        try {
            int row = Integer.parseInt(cursor);
            if (row < 0) {
                throw new NumberFormatException();
            }
            return row;
        } catch (NumberFormatException e) {
            throw new InvalidField("cursor", "is not a cursor this endpoint gave");
        }
    }
}
