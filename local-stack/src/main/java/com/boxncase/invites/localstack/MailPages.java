package com.boxncase.invites.localstack;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The HTML pages of the mail UI. Every value from a message is escaped; HTML bodies only render sandboxed. */
final class MailPages {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private static final String STYLE = """
            body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #222; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
            tr:hover { background: #f5f7fa; }
            a { color: #0b5cad; }
            pre { white-space: pre-wrap; background: #f6f6f6; padding: .8rem; }
            iframe { width: 100%; height: 32rem; border: 1px solid #ccc; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
            dt { font-weight: 600; } dd { margin: 0; word-break: break-all; }
            .muted { color: #777; }
            """;

    private MailPages() {}

    static String list(List<ReceivedMail> newestFirst) {
        return list(newestFirst, null);
    }

    static String list(List<ReceivedMail> newestFirst, String textsUrl) {
        StringBuilder rows = new StringBuilder();
        for (ReceivedMail mail : newestFirst) {
            rows.append("<tr><td>")
                    .append(Escape.html(TIME.format(mail.receivedAt())))
                    .append("</td><td>")
                    .append(Escape.html(mail.from()))
                    .append("</td><td>")
                    .append(Escape.html(String.join(", ", mail.to())))
                    .append("</td><td><a href=\"/messages/")
                    .append(mail.id())
                    .append("\">")
                    .append(Escape.html(mail.subject().isEmpty() ? "(no subject)" : mail.subject()))
                    .append("</a></td></tr>\n");
        }
        String body = newestFirst.isEmpty()
                ? "<p class=\"muted\">No messages yet. Anything sent to the SMTP sink shows up here.</p>"
                : "<table><thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr></thead><tbody>\n"
                        + rows + "</tbody></table>";
        return page(
                "Local mail (" + newestFirst.size() + ")",
                "<meta http-equiv=\"refresh\" content=\"5\">",
                "<h1>Local mail</h1><p class=\"muted\">Newest first, refreshes every 5 s."
                        + " Same data as JSON: <a href=\"/api/messages\">/api/messages</a>"
                        + (textsUrl == null
                                ? ""
                                : ". Texts (SMS): <a href=\"" + Escape.html(textsUrl) + "\">" + Escape.html(textsUrl)
                                        + "</a>")
                        + "</p>" + body);
    }

    static String message(ReceivedMail mail) {
        StringBuilder headers = new StringBuilder("<dl>");
        for (Map.Entry<String, String> header : mail.headers().entrySet()) {
            headers.append("<dt>")
                    .append(Escape.html(header.getKey()))
                    .append("</dt><dd>")
                    .append(Escape.html(header.getValue()))
                    .append("</dd>");
        }
        headers.append("</dl>");
        String html = mail.html() == null
                ? "<p class=\"muted\">No HTML part.</p>"
                : "<iframe sandbox title=\"HTML part\" src=\"/messages/" + mail.id() + "/html\"></iframe>";
        String text = mail.text() == null
                ? "<p class=\"muted\">No text part.</p>"
                : "<pre>" + Escape.html(mail.text()) + "</pre>";
        return page(
                mail.subject(),
                "",
                "<p><a href=\"/\">&larr; all messages</a> &middot; <a href=\"/api/messages/" + mail.id()
                        + "\">JSON</a></p>"
                        + "<h1>" + Escape.html(mail.subject()) + "</h1>"
                        + "<dl><dt>From</dt><dd>" + Escape.html(mail.from()) + "</dd>"
                        + "<dt>To</dt><dd>" + Escape.html(String.join(", ", mail.to())) + "</dd>"
                        + "<dt>Received</dt><dd>" + Escape.html(TIME.format(mail.receivedAt())) + "</dd></dl>"
                        + "<h2>HTML part</h2>" + html
                        + "<h2>Text part</h2>" + text
                        + "<h2>Headers</h2>" + headers);
    }

    private static String page(String title, String head, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + Escape.html(title) + "</title>" + head
                + "<style>" + STYLE + "</style></head><body>" + body + "</body></html>";
    }
}
