package com.boxncase.invites.localstack.mongo;

import static com.boxncase.invites.localstack.mongo.WireServer.id;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxncase.invites.localstack.mongo.WireServer.Backend;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index-aware backends against upstream's, which scan for every filter that is not exactly the index's
 * keys: the same operations on the same documents must give the same results, on both storages, while the
 * index-aware ones examine only the documents the index names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexAwareBackendTest {

    private static final int SEEDED = 60;

    // one server of each kind for the class; each test seeds a fresh collection
    private final Map<Backend, WireServer> indexAware = new EnumMap<>(Backend.class);
    private final Map<Backend, WireServer> upstream = new EnumMap<>(Backend.class);

    private WireServer indexAware(Backend backend) {
        return indexAware.computeIfAbsent(backend, Backend::indexAware);
    }

    private WireServer upstream(Backend backend) {
        return upstream.computeIfAbsent(backend, Backend::upstream);
    }

    @AfterAll
    void stopServers() {
        Stream.concat(indexAware.values().stream(), upstream.values().stream()).forEach(WireServer::close);
    }

    /** Filters that pin {@code _id} or a unique index, and a few that must keep scanning. */
    static Map<String, Bson> filters() {
        Map<String, Bson> filters = new LinkedHashMap<>();
        filters.put("_id alone", eq("_id", id(1)));
        filters.put("_id and status", new Document("_id", id(4)).append("status", "PENDING"));
        filters.put("_id and a status it does not have", new Document("_id", id(5)).append("status", "PENDING"));
        filters.put("_id and a nested condition", and(eq("_id", id(8)), lt("deliveries.EMAIL.progress", 4)));
        filters.put("_id $in and status", and(in("_id", id(12), id(13), id(16), "nope"), eq("status", "PENDING")));
        filters.put("_id $eq and status", new Document("_id", new Document("$eq", id(20))).append("status", "PENDING"));
        filters.put("_id and an $or", and(eq("_id", id(24)), or(eq("status", "ACCEPTED"), gt("sendCount", -1))));
        filters.put("an unknown _id", and(eq("_id", "nope"), eq("status", "PENDING")));
        filters.put("an empty _id $in", in("_id", List.of()));
        filters.put("_id and an array element", and(eq("_id", id(30)), eq("tags", "a")));
        filters.put("an int _id queried as a double", and(eq("_id", 7.0), eq("status", "PENDING")));
        filters.put("a long _id queried as an int", and(eq("_id", 8), exists("status")));
        filters.put(
                "_id $in and $nin",
                new Document("_id", new Document("$in", List.of(id(50), id(51))).append("$nin", List.of(id(51)))));
        filters.put(
                "openKey (unique, sparse) and status",
                and(eq("openKey", "store-0|invitee-40@example.com"), eq("status", "PENDING")));
        filters.put(
                "storeId + emailKey (unique) and status",
                and(eq("storeId", "store-2"), eq("emailKey", "invitee-42@example.com"), ne("status", "REVOKED")));
        filters.put("_id regex (scans)", and(regex("_id", "^inv-0004"), eq("status", "PENDING")));
        filters.put("no key (scans)", and(eq("status", "EXPIRED"), lt("deliveries.EMAIL.progress", 2)));
        return filters;
    }

    private static final Set<String> READS = Set.of(
            "find",
            "find sorted by _id descending",
            "find in reverse natural order",
            "find skip 1 limit 1",
            "countDocuments",
            "count command");

    /** Each operation returns what the client saw, with server-generated ids blanked. */
    static Map<String, Function<WireServer, Object>> operations(Bson filter) {
        Map<String, Function<WireServer, Object>> ops = new LinkedHashMap<>();
        ops.put("find", server -> server.invites().find(filter).into(new ArrayList<>()));
        ops.put(
                "find sorted by _id descending",
                server -> server.invites().find(filter).sort(descending("_id")).into(new ArrayList<>()));
        ops.put(
                "find in reverse natural order",
                server -> server.invites()
                        .find(filter)
                        .sort(new Document("$natural", -1))
                        .into(new ArrayList<>()));
        ops.put(
                "find skip 1 limit 1",
                server -> server.invites()
                        .find(filter)
                        .sort(ascending("_id"))
                        .skip(1)
                        .limit(1)
                        .into(new ArrayList<>()));
        ops.put("countDocuments", server -> server.invites().countDocuments(filter));
        ops.put("count command", server -> server.countCommand(filter));
        ops.put(
                "updateMany",
                server -> describe(
                        server.invites().updateMany(filter, combine(inc("sendCount", 1), set("touched", true)))));
        ops.put(
                "updateOne",
                server -> describe(server.invites().updateOne(filter, set("deliveries.EMAIL.state", "SENT"))));
        ops.put(
                "findOneAndUpdate",
                server -> server.invites()
                        .findOneAndUpdate(
                                filter,
                                inc("sendCount", 10),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        ops.put(
                "upsert",
                server -> describe(
                        server.invites().updateOne(filter, set("upserted", true), new UpdateOptions().upsert(true))));
        ops.put("findOneAndDelete", server -> server.invites().findOneAndDelete(filter));
        ops.put("deleteMany", server -> server.invites().deleteMany(filter).getDeletedCount());
        return ops;
    }

    static Stream<Arguments> backendsAndFilters() {
        return Stream.of(Backend.values())
                .flatMap(backend -> filters().entrySet().stream()
                        .map(filter -> Arguments.of(backend, filter.getKey(), filter.getValue())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendsAndFilters")
    void everyOperationGivesWhatTheScanningServerGives(Backend backend, String name, Bson filter) {
        WireServer subject = indexAware(backend).seeded(SEEDED);
        WireServer reference = upstream(backend).seeded(SEEDED);
        operations(filter).forEach((operation, run) -> {
            assertThat(outcome(run, subject)).as(operation).isEqualTo(outcome(run, reference));
            if (!READS.contains(operation)) {
                assertThat(contents(subject.invites()))
                        .as("documents after " + operation)
                        .isEqualTo(contents(reference.invites()));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUnorderedBulkOfConditionalUpdatesByIdGivesWhatTheScanningServerGives(Backend backend) {
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (int i = 0; i < SEEDED; i++) {
            updates.add(new UpdateOneModel<>(
                    new Document("_id", id(i)).append("status", "PENDING"),
                    combine(set("deliveries.EMAIL.state", "SENT"), inc("deliveries.EMAIL.progress", 1))));
        }
        updates.add(new UpdateOneModel<>(
                and(eq("_id", "new-one"), eq("status", "PENDING")),
                set("sendCount", 1),
                new UpdateOptions().upsert(true)));

        WireServer subject = indexAware(backend).seeded(SEEDED);
        WireServer reference = upstream(backend).seeded(SEEDED);
        BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
        long examined = subject.documentsExamined();
        BulkWriteResult result = subject.invites().bulkWrite(updates, unordered);

        assertThat(subject.documentsExamined() - examined)
                .as("one document per update by _id")
                .isEqualTo(SEEDED);
        assertThat(result).isEqualTo(reference.invites().bulkWrite(updates, unordered));
        assertThat(result.getMatchedCount()).isEqualTo(SEEDED / 4);
        assertThat(result.getUpserts()).hasSize(1);
        assertThat(contents(subject.invites())).isEqualTo(contents(reference.invites()));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUpsertWhoseFilterExcludesTheDocumentOfItsIdIsADuplicateKeyAndTheRestOfTheBulkIsWritten(Backend backend) {
        // notifier-worker's ledger relies on it: an outcome already recorded is kept, the others are written
        MongoCollection<Document> invites = indexAware(backend).seeded(SEEDED).invites();
        invites.updateOne(eq("_id", id(0)), set("state", "SENT"));
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        List<WriteModel<Document>> upserts = List.of(
                new UpdateOneModel<>(
                        and(eq("_id", id(0)), nin("state", List.of("SENT"))), set("state", "FAILED"), upsert),
                new UpdateOneModel<>(
                        and(eq("_id", "ledger-new"), nin("state", List.of("SENT"))), set("state", "SENT"), upsert));

        assertThatThrownBy(() -> invites.bulkWrite(upserts, new BulkWriteOptions().ordered(false)))
                .isInstanceOfSatisfying(
                        MongoBulkWriteException.class,
                        e -> assertThat(e.getWriteErrors()).singleElement().satisfies(error -> {
                            assertThat(error.getIndex()).isZero();
                            assertThat(ErrorCategory.fromErrorCode(error.getCode()))
                                    .isEqualTo(ErrorCategory.DUPLICATE_KEY);
                        }));
        assertThat(invites.find(eq("_id", id(0))).first().getString("state")).isEqualTo("SENT");
        assertThat(invites.find(eq("_id", "ledger-new")).first().getString("state"))
                .isEqualTo("SENT");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void writesAndReadsByIdWithMoreConditionsExamineOnlyTheDocumentsTheIndexNames(Backend backend) {
        // counts, not timings: a scan examines every one of the 2,003 documents, the index names one
        WireServer server = indexAware(backend).seeded(2_000);
        MongoCollection<Document> invites = server.invites();

        long examined = server.documentsExamined();
        assertThat(invites.updateOne(new Document("_id", id(4)).append("status", "PENDING"), set("x", 1))
                        .getModifiedCount())
                .isEqualTo(1);
        assertThat(server.documentsExamined() - examined)
                .as("updateOne {_id, status}")
                .isEqualTo(1);

        examined = server.documentsExamined();
        assertThat(invites.find(and(in("_id", id(8), id(9), id(12)), eq("status", "PENDING"))))
                .hasSize(2);
        assertThat(server.documentsExamined() - examined)
                .as("find {_id: {$in}, status}")
                .isEqualTo(3);

        examined = server.documentsExamined();
        invites.findOneAndUpdate(and(eq("_id", id(16)), lt("deliveries.EMAIL.progress", 3)), inc("sendCount", 1));
        server.countCommand(new Document("_id", id(20)).append("status", "PENDING"));
        invites.updateOne(and(eq("openKey", "store-4|invitee-24@example.com"), eq("status", "PENDING")), set("x", 2));
        invites.deleteOne(new Document("_id", id(28)).append("status", "PENDING"));
        assertThat(server.documentsExamined() - examined)
                .as("findOneAndUpdate, count, update by openKey, deleteOne")
                .isEqualTo(4);

        examined = server.documentsExamined();
        List<WriteModel<Document>> bulk = new ArrayList<>();
        for (int i = 100; i < 200; i++) {
            bulk.add(new UpdateOneModel<>(new Document("_id", id(i)).append("status", "PENDING"), set("x", 3)));
        }
        invites.bulkWrite(bulk, new BulkWriteOptions().ordered(false));
        assertThat(server.documentsExamined() - examined)
                .as("bulk of 100 updates by {_id, status}")
                .isEqualTo(100);

        // the counter sees scans too: a filter without a unique key examines every document
        examined = server.documentsExamined();
        invites.updateOne(and(eq("status", "PENDING"), eq("sendCount", 99)), set("x", 4));
        assertThat(server.documentsExamined() - examined)
                .as("updateOne {status, sendCount}")
                .isEqualTo(invites.countDocuments());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void serverStatusReportsTheDocumentsWrittenAsMongoDbNamesThem(Backend backend) {
        WireServer server = indexAware(backend).seeded(SEEDED);
        Document before = server.documentWrites();
        MongoCollection<Document> invites = server.invites();
        invites.updateMany(and(in("_id", id(0), id(4), id(8)), eq("status", "PENDING")), set("x", 1));
        invites.updateOne(eq("_id", id(0)), set("x", 1)); // changes nothing: not a write
        invites.updateOne(eq("_id", "fresh"), set("x", 1), new UpdateOptions().upsert(true));
        invites.deleteOne(eq("_id", id(1)));

        Document after = server.documentWrites();
        assertThat(after.getLong("inserted") - before.getLong("inserted")).isEqualTo(1);
        assertThat(after.getLong("updated") - before.getLong("updated")).isEqualTo(3);
        assertThat(after.getLong("deleted") - before.getLong("deleted")).isEqualTo(1);
    }

    @Test
    void aFileWrittenByTheUpstreamBackendReopensWithItsIndexesAndIsResolvedById(@TempDir Path dir) {
        String file = dir.resolve("invites.mv").toString();
        try (WireServer upstream = WireServer.on(new H2Backend(file))) {
            upstream.seeded(SEEDED);
        }
        try (WireServer reopened = WireServer.on(new IndexAwareH2Backend(file))) {
            MongoCollection<Document> invites = reopened.invites();
            long examined = reopened.documentsExamined();

            assertThat(invites.find(new Document("_id", id(4)).append("status", "PENDING")))
                    .hasSize(1);
            assertThat(reopened.documentsExamined() - examined).isEqualTo(1);
            Document sameOpenKey = WireServer.invite(300).append("openKey", "store-0|invitee-40@example.com");
            assertThat(outcome(server -> server.invites().insertOne(sameOpenKey), reopened))
                    .as("the unique openKey index survived")
                    .asString()
                    .startsWith("error 11000");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Object outcome(Function<WireServer, Object> run, WireServer server) {
        try {
            return blankGeneratedIds(run.apply(server));
        } catch (MongoException e) {
            return "error " + e.getCode();
        }
    }

    private static String describe(UpdateResult result) {
        Object upserted = result.getUpsertedId() instanceof BsonObjectId ? "<generated>" : result.getUpsertedId();
        return "matched " + result.getMatchedCount() + ", modified " + result.getModifiedCount() + ", upserted "
                + upserted;
    }

    /** Every document, generated ids blanked, in a stable order. */
    private static List<Object> contents(MongoCollection<Document> collection) {
        List<Object> documents = new ArrayList<>();
        for (Document document : collection.find()) {
            documents.add(blankGeneratedIds(document));
        }
        documents.sort(Comparator.comparing(Object::toString));
        return documents;
    }

    private static Object blankGeneratedIds(Object value) {
        if (value instanceof Document document && document.get("_id") instanceof ObjectId) {
            Document copy = new Document(document);
            copy.put("_id", "<generated>");
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(IndexAwareBackendTest::blankGeneratedIds).toList();
        }
        return value;
    }
}
