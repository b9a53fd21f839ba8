package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.NotifyInvite;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A readable command as it arrived: from {@code invites.notify} (attempt 1) or from a retry topic (the attempt its
 * headers name).
 */
record IncomingCommand(ConsumerRecord<String, byte[]> record, NotifyInvite command, int attempt) {}
