package com.boxncase.invites.localstack;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The JSON shape of {@code /api/messages}: what tests and scripts read instead of the page. */
final class MailJson {

    private MailJson() {}

    static String list(List<ReceivedMail> mails) {
        return mails.stream().map(MailJson::one).collect(Collectors.joining(",\n", "[", "]"));
    }

    static String one(ReceivedMail mail) {
        return "{\"id\":" + mail.id()
                + ",\"from\":" + Escape.json(mail.from())
                + ",\"to\":" + strings(mail.to())
                + ",\"subject\":" + Escape.json(mail.subject())
                + ",\"receivedAt\":" + Escape.json(mail.receivedAt().toString())
                + ",\"headers\":" + object(mail.headers())
                + ",\"text\":" + Escape.json(mail.text())
                + ",\"html\":" + Escape.json(mail.html())
                + "}";
    }

    private static String strings(List<String> values) {
        return values.stream().map(Escape::json).collect(Collectors.joining(",", "[", "]"));
    }

    private static String object(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> Escape.json(e.getKey()) + ":" + Escape.json(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }
}
