package com.boxncase.invites.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * An SMTP server (GreenMail) that accepts every message for every recipient, with or without a
 * login, and hands one copy of each message to the {@link MailArchive}.
 */
final class MailSink implements AutoCloseable {

    private static final int PURGE_MAILBOXES_EVERY = 100;

    private final GreenMail greenMail;
    private final MailArchive archive;
    private final Set<MovingMessage> archived =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private MailSink(GreenMail greenMail, MailArchive archive) {
        this.greenMail = greenMail;
        this.archive = archive;
    }

    static MailSink start(String host, int port, MailArchive archive) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        MailSink sink = new MailSink(greenMail, archive);
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler(sink.archivingFirst(users.getMessageDeliveryHandler()));
        return sink;
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    /** GreenMail delivers a message once per recipient; archive it once, on the first. */
    private MessageDeliveryHandler archivingFirst(MessageDeliveryHandler mailboxes) {
        return (MovingMessage message, MailAddress recipient) -> {
            if (archived.add(message)) {
                List<String> recipients = message.getToAddresses().stream()
                        .map(MailAddress::getEmail)
                        .toList();
                ReceivedMail mail = archive.add(message.getMessage(), recipients);
                if (mail.id() % PURGE_MAILBOXES_EVERY == 0) {
                    purgeMailboxes();
                }
            }
            return mailboxes.handle(message, recipient);
        };
    }

    /** GreenMail keeps its own mailboxes too; the archive is what is shown, so keep those small. */
    private void purgeMailboxes() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            // Only memory is at stake; the next purge will try again.
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
