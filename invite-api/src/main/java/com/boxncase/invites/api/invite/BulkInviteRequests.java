package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.security.Caller;
import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bulk request as a whole: its shape ({@code {"invites": [...]}} with 1 to {@code invites.bulk.max-rows} rows),
 * each row read on its own (a row of the wrong shape fails alone), the {@code Idempotency-Key} (a retry gets the
 * first answer whole), and the answer, written once as JSON so that a replay is byte for byte the same.
 */
@Service
class BulkInviteRequests {

    /** The {@code storeId} of a request to the cross-store endpoint, in idempotency scopes. */
    private static final String ANY_STORE = "*";

    private final BulkInvites bulk;
    private final IdempotencyKeys idempotencyKeys;
    private final BulkReplays replays;
    private final BulkProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    BulkInviteRequests(
            BulkInvites bulk,
            IdempotencyKeys idempotencyKeys,
            BulkReplays replays,
            BulkProperties properties,
            JsonMapper json,
            Clock clock) {
        this.bulk = bulk;
        this.idempotencyKeys = idempotencyKeys;
        this.replays = replays;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** The answer to a request, and whether it is the stored answer of an earlier request with the same key. */
    record Answer(String json, boolean replayed) {}

    /**
     * Creates the rows of {@code body}. With {@code storeId} (the store's endpoint) every row is for that store;
     * without (the platform endpoint) each row names its own.
     */
    Answer create(String storeId, JsonNode body, Caller caller, String idempotencyKey) {
        JsonNode invites = body == null ? null : body.get("invites");
        if (invites == null || !invites.isArray()) {
            throw new InvalidField("invites", "is required: an array of 1 to " + properties.maxRows() + " invites");
        }
        if (invites.isEmpty() || invites.size() > properties.maxRows()) {
            throw new InvalidField(
                    "invites",
                    "must hold 1 to " + properties.maxRows() + " invites; this request has " + invites.size());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String batchId = UUID.randomUUID().toString();
        boolean deterministicIds = idempotencyKey != null;
        if (deterministicIds) {
            String scope = "bulk|" + (storeId == null ? ANY_STORE : storeId) + "|" + caller.id();
            batchId = idempotencyKeys.claim(scope, idempotencyKey, body.toString(), batchId, now);
            var earlier = replays.find(batchId);
            if (earlier.isPresent()) {
                return new Answer(earlier.get(), true);
            }
        }
        List<BulkInviteRow> rows = new ArrayList<>(invites.size());
        for (int index = 0; index < invites.size(); index++) {
            String inviteId =
                    deterministicIds ? rowId(batchId, index) : UUID.randomUUID().toString();
            rows.add(row(storeId, invites.get(index), inviteId));
        }
        List<BulkInviteResult> results = bulk.create(rows, caller, BulkInvites.Source.REQUEST);
        String answer = json.writeValueAsString(BulkInviteResponse.of(results));
        if (deterministicIds) {
            replays.keep(batchId, answer, now);
        }
        return new Answer(answer, false);
    }

    /**
     * The invite id of row {@code index} of a request with an {@code Idempotency-Key}: the same for every retry, so
     * a retry that finds no stored answer (the first attempt died mid-way) cannot create a row twice.
     */
    private static String rowId(String batchId, int index) {
        return UUID.nameUUIDFromBytes(("bulk|" + batchId + "|" + index).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private BulkInviteRow row(String pathStoreId, JsonNode node, String inviteId) {
        JsonNode named = node.isObject() ? node.get("storeId") : null;
        String rowStoreId = named != null && named.isString() ? named.asString() : null;
        if (!node.isObject()) {
            return BulkInviteRow.unreadable(pathStoreId, new InvalidField("row", "must be a JSON object"));
        }
        try {
            if (pathStoreId != null) {
                if (named != null && !named.isNull() && !pathStoreId.equals(rowStoreId)) {
                    throw new InvalidField("storeId", "must be absent or the store of the path");
                }
                return BulkInviteRow.of(pathStoreId, json.treeToValue(node, CreateInviteRequest.class), inviteId);
            }
            BulkInviteRequest.StoreInviteRequest request =
                    json.treeToValue(node, BulkInviteRequest.StoreInviteRequest.class);
            return BulkInviteRow.of(request.storeId(), request.invite(), inviteId);
        } catch (DatabindException wrongType) {
            return BulkInviteRow.unreadable(
                    pathStoreId != null ? pathStoreId : rowStoreId,
                    new InvalidField(fieldOf(wrongType), "is not valid JSON of the expected type"));
        } catch (ProblemException refused) {
            return BulkInviteRow.unreadable(pathStoreId, refused);
        }
    }

    private static String fieldOf(DatabindException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> a + "." + b)
                .orElse("row");
    }
}
