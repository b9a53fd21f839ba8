package com.boxncase.invites.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailSinkTest {

    private static final String HOST = "127.0.0.1";

    private final HttpClient http = HttpClient.newHttpClient();
    private MailSink smtp;
    private MailWebServer web;

    @BeforeEach
    void startSinkAndPage() throws IOException {
        MailArchive archive = new MailArchive(Clock.systemUTC());
        smtp = MailSink.start(HOST, freePort(), archive);
        web = MailWebServer.start(HOST, 0, archive);
    }

    @AfterEach
    void stop() {
        web.close();
        smtp.close();
    }

    @Test
    void aSentEmailIsListedAsJsonWithItsInviteHeaderAndBothParts() throws Exception {
        send(
                "inv-42",
                "You're invited to <Box & Case>",
                "Accept: https://x.test/a?token=t",
                "<p>Accept <b>now</b></p>");

        String json = get("/api/messages").body();

        assertThat(json)
                .contains("\"X-Invite-Id\":\"inv-42\"")
                .contains("\"from\":\"Box N Case \\u003cnoreply@boxncase.test\\u003e\"")
                .contains("\"to\":[\"new.admin@example.com\"]")
                .contains("\"subject\":\"You're invited to \\u003cBox \\u0026 Case\\u003e\"")
                .contains("\"text\":\"Accept: https://x.test/a?token=t\"")
                .contains("\"html\":\"\\u003cp\\u003eAccept \\u003cb\\u003enow\\u003c/b\\u003e\\u003c/p\\u003e\"")
                .contains("\"receivedAt\":\"");
    }

    @Test
    void thePageListsNewestFirstEscapedAndRendersHtmlOnlyInASandbox() throws Exception {
        send("inv-1", "first", "one", "<p>one</p>");
        send("inv-2", "<script>alert(1)</script>", "two", "<script>alert(2)</script>");

        String list = get("/").body();
        assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(list.indexOf("/messages/2")).isLessThan(list.indexOf("/messages/1"));

        String page = get("/messages/2").body();
        assertThat(page).contains("<iframe sandbox").doesNotContain("<script>");

        HttpResponse<String> html = get("/messages/2/html");
        assertThat(html.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).startsWith("sandbox;"));
        assertThat(get("/messages/99").statusCode()).isEqualTo(404);
    }

    private void send(String inviteId, String subject, String text, String html) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", HOST);
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@boxncase.test", "Box N Case"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("new.admin@example.com"));
        message.setSubject(subject, "UTF-8");
        message.setHeader("X-Invite-Id", inviteId);
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        Transport.send(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://" + HOST + ":" + web.port() + path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
