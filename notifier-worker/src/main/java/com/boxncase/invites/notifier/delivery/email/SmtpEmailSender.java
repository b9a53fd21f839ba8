package com.boxncase.invites.notifier.delivery.email;

import com.boxncase.invites.notifier.NotifierProperties;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sends multipart/alternative (text, then HTML) emails over SMTP through {@link SmtpConnections}. From is
 * the store's sender name with the platform's address; the Message-ID is the provider message id.
 */
@Component
class SmtpEmailSender implements EmailSender {

    static {
        // Jakarta Mail looks its StreamProvider up with a ServiceLoader for every body part it builds or
        // writes, which in a Spring Boot jar scans the nested jars each time: the bench's profile showed it as
        // the notifier's hottest path. Naming the provider makes the look-up a loaded-class hit.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final SmtpConnections connections;
    private final String fromAddress;

    SmtpEmailSender(SmtpConnections connections, NotifierProperties properties) {
        this.connections = connections;
        this.fromAddress = properties.email().fromAddress();
    }

    @Override
    public String send(OutgoingEmail email) {
        MimeMessage message;
        try {
            message = compose(email);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw SmtpFailures.classify(e);
        }
        Transport transport = null;
        boolean healthy = false;
        try {
            transport = connections.borrow();
            transport.sendMessage(message, message.getAllRecipients());
            healthy = true;
            return message.getMessageID();
        } catch (MessagingException | RuntimeException e) {
            throw SmtpFailures.classify(e);
        } finally {
            if (transport != null) {
                connections.release(transport, healthy);
            }
        }
    }

    private MimeMessage compose(OutgoingEmail email) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(connections.session());
        message.setFrom(new InternetAddress(fromAddress, email.senderName(), StandardCharsets.UTF_8.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to(), true));
        if (email.replyTo() != null && !email.replyTo().isBlank()) {
            message.setReplyTo(InternetAddress.parse(email.replyTo(), true));
        }
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
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
