package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Consumes {@link Topics#NOTIFY}. Retries, their backoff and the dead-letter topic are declared in
 * {@link NotifyRetryTopology}; this class only says what one attempt and one dead letter do.
 *
 * <p>A command names its channels; each is delivered on its own (own ledger entry, own status events), and one
 * channel's failure never stops the other. Then the command as a whole is retried if any channel failed
 * transiently, or dead-lettered if one failed for good: on the retry, the ledger skips the channels already done.
 */
@Component(NotifyListener.BEAN_NAME)
class NotifyListener {

    static final String BEAN_NAME = "notifyListener";
    static final String DLT_METHOD = "onDeadLetter";
    private static final Logger log = LoggerFactory.getLogger(NotifyListener.class);

    private final EmailDelivery email;
    private final SmsDelivery sms;

    NotifyListener(EmailDelivery email, SmsDelivery sms) {
        this.email = email;
        this.sms = sms;
    }

    // One consumer thread per partition of invites.notify (3 locally): a slow send holds back only its partition.
    @KafkaListener(id = "notify", topics = Topics.NOTIFY, concurrency = "${invites.notifier.concurrency:3}")
    void onCommand(NotifyInvite command) {
        requireReadable(command);
        withMdc(command, () -> {
            TransientDeliveryFailure retry = null;
            PermanentDeliveryFailure failed = null;
            for (Channel channel : command.channels()) {
                try {
                    switch (channel) {
                        case EMAIL -> email.deliver(command);
                        case SMS -> sms.deliver(command);
                    }
                } catch (TransientDeliveryFailure e) {
                    retry = retry == null ? e : retry;
                } catch (PermanentDeliveryFailure e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (retry != null) {
                throw retry;
            }
            if (failed != null) {
                throw failed;
            }
        });
    }

    /** Reports dead letters as FAILED. Never throws, so it cannot loop (and the DLT strategy is FAIL_ON_ERROR). */
    void onDeadLetter(ConsumerRecord<String, NotifyInvite> record) {
        try {
            NotifyInvite command = record.value();
            String exception = header(record, KafkaHeaders.EXCEPTION_FQCN);
            if (command == null
                    || !readable(command)
                    || UnsupportedCommand.class.getName().equals(exception)) {
                log.warn(
                        "Unreadable command dead-lettered at {}-{}@{}",
                        record.topic(),
                        record.partition(),
                        record.offset());
                return;
            }
            String error = header(record, KafkaHeaders.EXCEPTION_MESSAGE);
            withMdc(command, () -> {
                for (Channel channel : command.channels()) {
                    switch (channel) {
                        case EMAIL -> email.deadLettered(command, error);
                        case SMS -> sms.deadLettered(command, error);
                    }
                }
            });
        } catch (RuntimeException e) {
            log.error(
                    "Dead letter {}-{}@{} could not be reported",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e);
        }
    }

    private static void requireReadable(NotifyInvite command) {
        if (command == null || command.schemaVersion() != NotifyInvite.SCHEMA_VERSION) {
            throw new UnsupportedCommand(
                    "unsupported NotifyInvite schema version " + (command == null ? "null" : command.schemaVersion()));
        }
        if (!readable(command)) {
            throw new UnsupportedCommand("NotifyInvite lacks commandId, inviteId, linkId, email or store");
        }
    }

    private static boolean readable(NotifyInvite c) {
        return c.schemaVersion() == NotifyInvite.SCHEMA_VERSION
                && c.commandId() != null
                && c.inviteId() != null
                && c.linkId() != null
                && c.email() != null
                && c.store() != null
                && c.store().acceptUrlBase() != null;
    }

    private static void withMdc(NotifyInvite command, Runnable action) {
        MDC.put("inviteId", command.inviteId());
        MDC.put("commandId", command.commandId());
        try {
            action.run();
        } finally {
            MDC.remove("inviteId");
            MDC.remove("commandId");
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
