package com.boxncase.invites.templates;

/**
 * What a text costs to send: its encoding and how many SMS segments it takes. GSM-7 (the basic character set
 * plus the extension table, whose characters take two septets) fits 160 septets in one segment and 153 per
 * segment of a concatenated message; any other character makes the whole text UCS-2, 70 UTF-16 units in one
 * segment and 67 per segment. Carriers may split slightly differently (an escape never straddles a segment),
 * so the count is the estimate Twilio's own calculator gives for ordinary text.
 *
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 */
public record SmsSegments(Encoding encoding, int units, int segments) {

    public enum Encoding {
        GSM7,
        UCS2
    }

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

    public static SmsSegments of(String text) {
        String value = text == null ? "" : text;
        int septets = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (GSM7_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return new SmsSegments(Encoding.UCS2, value.length(), count(value.length(), 70, 67));
            }
        }
        return new SmsSegments(Encoding.GSM7, septets, count(septets, 160, 153));
    }

    private static int count(int units, int single, int perPart) {
        if (units == 0) {
            return 0;
        }
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }
}
