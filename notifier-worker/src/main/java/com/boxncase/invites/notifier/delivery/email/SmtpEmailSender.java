package com.boxncase.invites.notifier.delivery.email;

import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.delivery.TransientDeliveryFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends multipart/alternative (text, then HTML) emails over SMTP from a small fixed set of sender threads
 * ({@code invites.notifier.email.connections}), each owning one connection that it keeps open between emails, so a
 * batch goes out in parallel without a TCP, TLS and EHLO handshake per email. From is the store's sender name with
 * the platform's address; the {@code Message-ID} is the provider message id.
 *
 * <p>A connection is never probed before use (JavaMail's {@code isConnected()} sends a NOOP, a round trip per
 * email): a send that fails is the signal. The connection is then closed, and if it had been used before and the
 * failure is not a reply of the relay (the relay dropped an idle connection), the email is sent once more on a fresh
 * connection before it counts as failed. When the relay cannot be reached at all, emails fail at once for {@code
 * unavailable-cooldown} before the next connect, so a relay that does not answer costs one connect timeout, not one
 * per email in the batch.
 */
@Component
public class SmtpEmailSender implements EmailSender, DisposableBean {

    static {
        // Jakarta Mail looks its StreamProvider up with a ServiceLoader for every body part it builds or
        // writes, which in a Spring Boot jar scans the nested jars each time: the bench's profile showed it as
        // the notifier's hottest path. Naming the provider makes the look-up a loaded-class hit.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);
    /** RFC 5322 date-time, e.g. {@code Mon, 30 Nov 2026 17:38:25 +0000}. */
    private static final DateTimeFormatter MAIL_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final JavaMailSenderImpl mail;
    private final String fromAddress;
    private final String messageIdDomain;
    private final long cooldownNanos;
    private final ExecutorService senders;
    // each sender thread's own connection: confined to its thread, so no pool, no lock, no hand-over
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile Unavailable unavailable;

    SmtpEmailSender(JavaMailSenderImpl mail, NotifierProperties properties) {
        this.mail = mail;
        this.fromAddress = properties.email().fromAddress();
        this.messageIdDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        this.cooldownNanos = properties.email().unavailableCooldown().toNanos();
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.email().connections(), task -> {
            Thread thread = new Thread(task, "smtp-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<String> send(OutgoingEmail email) {
        return CompletableFuture.supplyAsync(() -> sendNow(email), senders);
    }

    /**
     * Makes every sender thread open a fresh connection for its next email (after the SMTP settings changed) and
     * forgets that the relay was unreachable.
     */
    public void reconnect() {
        generation.incrementAndGet();
        unavailable = null;
    }

    @Override
    public void destroy() throws InterruptedException {
        senders.shutdown();
        senders.awaitTermination(10, TimeUnit.SECONDS);
        open.forEach(SmtpEmailSender::closeQuietly);
        open.clear();
    }

    private String sendNow(OutgoingEmail email) {
        MimeMessage message;
        try {
            message = compose(email);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw SmtpFailures.classify(e);
        }
        Connection current = connection.get();
        if (current != null && current.generation != generation.get()) {
            close(current);
            current = null;
        }
        boolean reused = current != null;
        if (current == null) {
            current = connect();
        }
        try {
            return sendOn(current, message);
        } catch (MessagingException | RuntimeException e) {
            close(current);
            if (!reused || !SmtpFailures.isConnectionLost(e)) {
                throw SmtpFailures.classify(e);
            }
            log.debug("SMTP connection lost ({}), sending again on a new one", e.toString());
        }
        Connection fresh = connect();
        try {
            return sendOn(fresh, message);
        } catch (MessagingException | RuntimeException e) {
            close(fresh);
            throw SmtpFailures.classify(e);
        }
    }

    private static String sendOn(Connection connection, MimeMessage message) throws MessagingException {
        connection.transport.sendMessage(message, message.getAllRecipients());
        return message.getMessageID();
    }

    private Connection connect() {
        Unavailable down = unavailable;
        if (down != null && System.nanoTime() - down.untilNanos < 0) {
            throw new TransientDeliveryFailure("mail relay unavailable: " + down.reason, null);
        }
        Transport transport = null;
        try {
            transport = mail.getSession().getTransport(mail.getProtocol());
            transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(transport);
            RuntimeException failure = SmtpFailures.classify(e);
            unavailable = new Unavailable(System.nanoTime() + cooldownNanos, failure.getMessage());
            throw failure;
        }
        unavailable = null;
        open.add(transport);
        Connection fresh = new Connection(transport, generation.get());
        connection.set(fresh);
        return fresh;
    }

    private void close(Connection current) {
        connection.remove();
        open.remove(current.transport);
        closeQuietly(current.transport);
    }

    private MimeMessage compose(OutgoingEmail email) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new InvitationMessage(mail.getSession(), messageIdDomain);
        // JavaMail would format the Date with a SimpleDateFormat per email (a tenth of this thread's time)
        message.setHeader("Date", MAIL_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
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

    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // already broken
        }
    }

    /**
     * A message whose {@code Message-ID} is a random UUID at the sending domain: JavaMail's own looks the local host
     * name up for every email.
     */
    private static final class InvitationMessage extends MimeMessage {
        private final String domain;

        InvitationMessage(Session session, String domain) {
            super(session);
            this.domain = domain;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        }
    }

    /** @param generation the {@link #reconnect()} generation it was opened in */
    private record Connection(Transport transport, int generation) {}

    private record Unavailable(long untilNanos, String reason) {}
}
