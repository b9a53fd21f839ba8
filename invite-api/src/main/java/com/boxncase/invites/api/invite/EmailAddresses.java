package com.boxncase.invites.api.invite;

/**
 * The email addresses an invite accepts: one plain {@code local@domain} address (dot-atom local part, DNS
 * domain with a dot), nothing that could smuggle a second recipient or a header (no CR/LF, spaces, commas,
 * angle brackets, quotes).
 */
final class EmailAddresses {

    static final String PATTERN = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";

    private EmailAddresses() {}
}
