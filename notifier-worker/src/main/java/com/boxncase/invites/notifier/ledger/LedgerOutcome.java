package com.boxncase.invites.notifier.ledger;

import com.boxncase.invites.contracts.DeliveryState;
import java.time.Instant;

/**
 * Where one command's delivery on one channel ended up after an attempt.
 *
 * @param id {@link LedgerClaim#id()}
 * @param nextAttemptAt for RETRYING, when the retry topic hands the command back
 */
public record LedgerOutcome(
        String id, DeliveryState state, int attempt, String providerMessageId, String error, Instant nextAttemptAt) {}
