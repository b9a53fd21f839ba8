package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.security.Caller;
import com.boxncase.invites.api.settings.StoreSettings;
import com.boxncase.invites.api.settings.StoreSettingsService;
import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.ProblemException;
import com.boxncase.invites.document.InviteDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Creates many invites at once: the bulk endpoints and CSV imports both come through here. Each row is judged alone,
 * by the same {@link NewInvites} as a single create, so one bad row never fails the others; the rows that pass are
 * written with ONE unordered bulk insert ({@link Invites#insertAll}), each invite carrying its own command and
 * CREATED event in its outbox, exactly as a single create writes it, so the normal pipeline delivers and audits each
 * one.
 */
@Service
public class BulkInvites {

    /** Where rows come from, for the {@code invites.bulk.rows} counter. */
    public enum Source {
        REQUEST,
        IMPORT
    }

    private final Invites invites;
    private final NewInvites newInvites;
    private final StoreSettingsService storeSettings;
    private final MeterRegistry meters;
    private final Clock clock;

    BulkInvites(
            Invites invites,
            NewInvites newInvites,
            StoreSettingsService storeSettings,
            MeterRegistry meters,
            Clock clock) {
        this.invites = invites;
        this.newInvites = newInvites;
        this.storeSettings = storeSettings;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Judges and creates {@code rows} for {@code caller}; returns one result per row, in row order. A row whose
     * store is not in the caller's token is a 403; a second row for the same store and email is a 409 naming the
     * first. MongoDB being unavailable fails the whole call (nothing of a failed bulk insert is reported as
     * created; a retry with the same invite ids finds what was written).
     */
    public List<BulkInviteResult> create(List<BulkInviteRow> rows, Caller caller, Source source) {
        // MongoDB keeps milliseconds; so do we, so that cursors and comparisons agree with stored values.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        BulkInviteResult[] results = new BulkInviteResult[rows.size()];
        Map<String, StoreSettings> settingsByStore = new HashMap<>();
        Map<String, Integer> firstRowByOpenKey = new HashMap<>();
        List<Invite> toInsert = new ArrayList<>();
        List<Integer> insertedRows = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            BulkInviteRow row = rows.get(index);
            try {
                Invite invite = judge(row, caller, settingsByStore, now);
                String openKey = InviteDocument.openKey(invite.storeId(), Invite.emailKey(invite.email()));
                Integer earlier = firstRowByOpenKey.putIfAbsent(openKey, index);
                if (earlier != null) {
                    throw new BulkProblems.DuplicateInRequest(earlier);
                }
                toInsert.add(invite);
                insertedRows.add(index);
            } catch (ProblemException refused) {
                results[index] = BulkInviteResult.failed(index, refused.toProblemDetail());
            }
        }
        List<InsertOutcome> outcomes = invites.insertAll(toInsert);
        for (int i = 0; i < outcomes.size(); i++) {
            int index = insertedRows.get(i);
            InsertOutcome outcome = outcomes.get(i);
            results[index] = switch (outcome.kind()) {
                case INSERTED, CREATED_BEFORE -> BulkInviteResult.created(index, InviteView.of(outcome.invite(), now));
                case OPEN_INVITE_EXISTS ->
                    BulkInviteResult.failed(
                            index,
                            new InviteProblems.OpenInviteExists(
                                            outcome.existingInviteId(), outcome.existingInviteCreatedAt())
                                    .toProblemDetail());
                case NOT_STORED ->
                    BulkInviteResult.failed(index, new InviteProblems.NotStored(outcome.error()).toProblemDetail());
            };
        }
        count(results, source);
        return List.of(results);
    }

    private Invite judge(BulkInviteRow row, Caller caller, Map<String, StoreSettings> settingsByStore, Instant now) {
        boolean named = row.storeId() != null && !row.storeId().isBlank();
        if (named && !caller.administers(row.storeId())) {
            throw new BulkProblems.StoreNotGranted(row.storeId()); // before anything else: nothing to learn here
        }
        if (row.unreadable() != null) {
            throw row.unreadable();
        }
        if (!named) {
            throw new InvalidField("storeId", "is required");
        }
        StoreSettings settings = settingsByStore.computeIfAbsent(row.storeId(), storeSettings::settingsOf);
        Invite.Draft draft = newInvites.draft(row.request(), settings, caller);
        return newInvites.create(row.inviteId(), row.storeId(), draft, settings, now);
    }

    private void count(BulkInviteResult[] results, Source source) {
        Map<String, Integer> byOutcome = new HashMap<>();
        for (BulkInviteResult result : results) {
            byOutcome.merge(outcome(result.status()), 1, Integer::sum);
        }
        byOutcome.forEach((outcome, n) -> Counter.builder("invites.bulk.rows")
                .description("Rows of bulk creates and CSV imports, by source and outcome")
                .tag("source", source.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(meters)
                .increment(n));
    }

    private static String outcome(int status) {
        return switch (status) {
            case 201 -> "created";
            case 400 -> "invalid";
            case 403 -> "forbidden";
            case 409 -> "conflict";
            default -> "error";
        };
    }
}
