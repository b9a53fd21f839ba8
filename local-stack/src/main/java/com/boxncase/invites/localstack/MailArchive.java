package com.boxncase.invites.localstack;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The last {@value #KEPT} emails the SMTP sink received, newest first, in memory. */
final class MailArchive {

    static final int KEPT = 1000;

    private final Clock clock;
    private final Deque<ReceivedMail> newestFirst = new ArrayDeque<>();
    private long nextId = 1;

    MailArchive(Clock clock) {
        this.clock = clock;
    }

    ReceivedMail add(MimeMessage message, List<String> envelopeRecipients) {
        ReceivedMail mail;
        synchronized (this) {
            mail = ReceivedMail.of(nextId++, clock.instant(), message, envelopeRecipients);
            newestFirst.addFirst(mail);
            if (newestFirst.size() > KEPT) {
                newestFirst.removeLast();
            }
        }
        return mail;
    }

    synchronized List<ReceivedMail> newestFirst() {
        return List.copyOf(newestFirst);
    }

    synchronized Optional<ReceivedMail> find(long id) {
        return newestFirst.stream().filter(mail -> mail.id() == id).findFirst();
    }

    synchronized void clear() {
        newestFirst.clear();
    }
}
