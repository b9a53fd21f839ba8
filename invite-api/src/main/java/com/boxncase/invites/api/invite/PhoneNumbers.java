package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.web.InvalidField;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Validates and normalizes invitee phone numbers to E.164 with libphonenumber. */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /** E.164 form of {@code raw}, which must be in international form ({@code +...}). */
    static String e164(String raw) {
        try {
            PhoneNumber number = UTIL.parse(raw, null);
            if (!UTIL.isValidNumber(number)) {
                throw new InvalidField("phone", "is not a valid phone number");
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidField("phone", "must be an international number in E.164 form, e.g. +14155550100");
        }
    }
}
