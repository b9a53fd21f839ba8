package com.boxncase.invites.bench;

import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.RenderedEmail;
import com.boxncase.invites.templates.TemplateRenderer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

/**
 * Renders and composes invitation emails the way notifier-worker does (default templates through
 * {@link TemplateRenderer}, multipart/alternative text + HTML), for the ceilings and the baseline.
 */
final class InviteMail {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final TemplateRenderer.Localized<com.boxncase.invites.templates.CompiledEmailTemplate> template =
            renderer.defaultTemplate(NotifyReason.INVITE, List.of("en"));

    RenderedEmail render(String email) {
        InviteModel model = new InviteModel(
                "Bench Store",
                "Bench Admin",
                email,
                "ADMIN",
                "http://localhost:8080/accept?token=bench-" + email.hashCode(),
                Instant.now().plus(7, ChronoUnit.DAYS),
                null,
                NotifyReason.INVITE);
        return renderer.render(template.value(), model, template.locale());
    }

    static Session session(int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        return Session.getInstance(props);
    }

    static MimeMessage compose(Session session, RenderedEmail email, String to, String benchHeader)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress("invites@boxncase.local", "Bench Store", "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setHeader("X-Bench", benchHeader);
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
