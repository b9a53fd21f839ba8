package com.boxncase.invites.localstack;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One email as the SMTP sink received it, decoded for display. Repeated headers are joined by ", ". */
record ReceivedMail(
        long id,
        String from,
        List<String> to,
        String subject,
        Instant receivedAt,
        Map<String, String> headers,
        String text,
        String html) {

    static ReceivedMail of(long id, Instant receivedAt, MimeMessage message, List<String> envelopeRecipients) {
        try {
            List<String> to = addresses(message.getRecipients(Message.RecipientType.TO));
            Bodies bodies = new Bodies();
            bodies.collect(message);
            return new ReceivedMail(
                    id,
                    String.join(", ", addresses(message.getFrom())),
                    to.isEmpty() ? List.copyOf(envelopeRecipients) : to,
                    message.getSubject() == null ? "" : message.getSubject(),
                    receivedAt,
                    headers(message),
                    bodies.text,
                    bodies.html);
        } catch (MessagingException | IOException e) {
            return new ReceivedMail(
                    id,
                    "",
                    List.copyOf(envelopeRecipients),
                    "(unreadable message)",
                    receivedAt,
                    Map.of(),
                    "The SMTP sink could not parse this message: " + e,
                    null);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        return Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress internet ? internet.toUnicodeString() : a.toString())
                .toList();
    }

    private static Map<String, String> headers(MimeMessage message) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            String value = decode(MimeUtility.unfold(header.getValue()));
            headers.merge(header.getName(), value, (first, next) -> first + ", " + next);
        }
        return Collections.unmodifiableMap(headers);
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    /** The first inline text/plain and text/html parts, however deeply the multiparts nest. */
    private static final class Bodies {
        private String text;
        private String html;

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                List<Part> parts = new ArrayList<>();
                for (int i = 0; i < multipart.getCount(); i++) {
                    parts.add(multipart.getBodyPart(i));
                }
                for (Part child : parts) {
                    collect(child);
                }
            }
        }
    }
}
