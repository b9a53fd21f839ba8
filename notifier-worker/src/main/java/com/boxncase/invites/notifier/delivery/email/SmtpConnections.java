package com.boxncase.invites.notifier.delivery.email;

import com.boxncase.invites.notifier.NotifierProperties;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Open SMTP connections kept for reuse, so consecutive emails skip the TCP, TLS and EHLO handshakes. A
 * connection that failed is closed, never reused; an idle one the server dropped is noticed on borrow.
 */
@Component
public class SmtpConnections {

    private final JavaMailSenderImpl mailSender;
    private final BlockingQueue<Transport> idle;

    SmtpConnections(JavaMailSenderImpl mailSender, NotifierProperties properties) {
        this.mailSender = mailSender;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, properties.email().maxIdleConnections()));
    }

    Session session() {
        return mailSender.getSession();
    }

    Transport borrow() throws MessagingException {
        Transport transport;
        while ((transport = idle.poll()) != null) {
            if (transport.isConnected()) {
                return transport;
            }
            closeQuietly(transport);
        }
        transport = mailSender.getSession().getTransport(mailSender.getProtocol());
        transport.connect(
                mailSender.getHost(), mailSender.getPort(), mailSender.getUsername(), mailSender.getPassword());
        return transport;
    }

    /** Returns a connection after a successful send, or closes it when it failed or the pool is full. */
    void release(Transport transport, boolean healthy) {
        if (!healthy || !idle.offer(transport)) {
            closeQuietly(transport);
        }
    }

    /** Closes the idle connections, e.g. after the SMTP settings changed; the next send opens a fresh one. */
    @PreDestroy
    public void closeAll() {
        Transport transport;
        while ((transport = idle.poll()) != null) {
            closeQuietly(transport);
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // already broken
        }
    }
}
