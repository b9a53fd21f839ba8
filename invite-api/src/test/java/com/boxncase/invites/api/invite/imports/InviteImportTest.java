package com.boxncase.invites.api.invite.imports;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.invite.BulkInvites;
import com.boxncase.invites.api.invite.BulkProperties;
import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.MutableClock;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.api.support.TopicRecorder;
import com.boxncase.invites.contracts.Topics;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InviteImportTest {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    ImportWorker worker;

    @Autowired
    InviteImports imports;

    @Autowired
    ImportUploads uploads;

    @Autowired
    BulkInvites bulk;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    TopicRecorder commands;

    @BeforeAll
    void recordCommands() {
        commands = new TopicRecorder(brokers, Topics.NOTIFY);
    }

    @AfterAll
    void stopRecording() throws InterruptedException {
        commands.close();
    }

    @AfterEach
    void restoreWorkerAndClock() {
        clock.reset();
        worker.start();
    }

    @Test
    void anImportCreatesTheValidRowsAndNamesTheLinesOfTheRefusedOnes() throws Exception {
        String store = newStore();
        String invitedBefore = "before@example.com";
        createSingle(store, invitedBefore);
        String file = "email,role,message\n" // 1
                + "ann@example.com,ADMIN,Hi Ann\n" // 2
                + "not an email,STAFF,\n" // 3
                + "bob@example.com,STAFF,\"Welcome,\n" // 4
                + "Bob\"\n" // 5
                + "cy@example.com,,\n" // 6: no role
                + "\n" // 7
                + "ANN@example.com,STAFF,\n" // 8: the same email as line 2
                + "before@example.com,STAFF,\n" // 9: already invited
                + "dee@example.com,OWNER,\n" // 10: unknown role
                + "eve@example.com,STAFF,Bye\n"; // 11

        String location = upload(store, file)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("QUEUED"))
                .andExpect(jsonPath("$.rows").value(8))
                .andReturn()
                .getResponse()
                .getHeader("Location");
        JsonNode done = awaitDone(store, location);

        assertThat(done.get("state").asString()).isEqualTo("DONE");
        assertThat(done.get("rowsRead").asInt()).isEqualTo(8);
        assertThat(done.get("created").asInt()).isEqualTo(3);
        assertThat(done.get("failed").asInt()).isEqualTo(5);
        Map<Long, CSVRecord> results = resultsByLine(store, location);
        assertThat(results.keySet()).containsExactly(2L, 3L, 4L, 6L, 8L, 9L, 10L, 11L);
        assertThat(statusOn(results, 2)).isEqualTo("201");
        assertThat(statusOn(results, 3)).isEqualTo("400");
        assertThat(results.get(3L).get("error")).contains("email");
        assertThat(statusOn(results, 4)).isEqualTo("201");
        assertThat(statusOn(results, 6)).isEqualTo("400");
        assertThat(results.get(6L).get("error")).contains("role");
        assertThat(statusOn(results, 8)).isEqualTo("409");
        assertThat(results.get(8L).get("error")).contains("line 2");
        assertThat(statusOn(results, 9)).isEqualTo("409");
        assertThat(results.get(9L).get("inviteId")).isNotBlank();
        assertThat(statusOn(results, 10)).isEqualTo("400");
        assertThat(statusOn(results, 11)).isEqualTo("201");

        Document bob = mongo.findById(results.get(4L).get("inviteId"), Document.class, "invites");
        assertThat(bob.getString("message")).isEqualTo("Welcome,\nBob");
        assertThat(bob.get("invitedBy", Document.class).getString("id")).isEqualTo("admin-1");
        List<String> created = List.of(
                results.get(2L).get("inviteId"),
                results.get(4L).get("inviteId"),
                results.get(11L).get("inviteId"));
        awaitOneCommandEach(created);
        assertThat(mongo.count(storeInvites(store), "invites")).isEqualTo(4);

        JsonNode failedRows = read(api(get(location + "/rows").param("failedOnly", "true"), store));
        assertThat(failedRows.get("items")).hasSize(5);
        assertThat(failedRows.get("items").get(0).get("line").asInt()).isEqualTo(3);
        JsonNode firstPage = read(api(get(location + "/rows").param("limit", "3"), store));
        assertThat(firstPage.get("items")).hasSize(3);
        JsonNode secondPage = read(api(
                get(location + "/rows")
                        .param("limit", "10")
                        .param("cursor", firstPage.get("nextCursor").asString()),
                store));
        assertThat(secondPage.get("items").get(0).get("line").asInt()).isEqualTo(6);
        assertThat(secondPage.get("nextCursor").isNull())
                .as("no page after the last")
                .isTrue();
    }

    @Test
    void aFormUploadWithAByteOrderMarkSemicolonsAndCrLfIsImportedLikeAnyOther() throws Exception {
        String store = newStore();
        byte[] text = ("email;role;locale;message\r\n"
                        + "ann@example.com;ADMIN;de;\"Hallo; willkommen\"\r\n"
                        + "bob@example.com;STAFF;en;\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[text.length + 3];
        file[0] = (byte) 0xEF;
        file[1] = (byte) 0xBB;
        file[2] = (byte) 0xBF;
        System.arraycopy(text, 0, file, 3, text.length);

        String location = mvc.perform(multipart("/api/v1/stores/" + store + "/invite-imports")
                        .file(new MockMultipartFile("file", "team.csv", "text/csv", file))
                        .header("Authorization", "Bearer " + TestTokens.admin(store)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.fileName").value("team.csv"))
                .andReturn()
                .getResponse()
                .getHeader("Location");
        JsonNode done = awaitDone(store, location);

        assertThat(done.get("created").asInt()).isEqualTo(2);
        Map<Long, CSVRecord> results = resultsByLine(store, location);
        Document ann = mongo.findById(results.get(2L).get("inviteId"), Document.class, "invites");
        assertThat(ann.getString("locale")).isEqualTo("de");
        assertThat(ann.getString("message")).isEqualTo("Hallo; willkommen");
    }

    @Test
    void aFileThatIsNotAnImportFileIsRefusedNamingTheLineAndNothingIsKept() throws Exception {
        String store = newStore();
        upload(store, "email,name\nann@example.com,Ann\n")
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.line").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.detail", containsString("unknown column 'name'")));
        upload(store, "email,role\nann@example.com,ADMIN\n\"bob@example.com\"x,STAFF\n")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.line").value(3));
        upload(store, "email,role\nann@example.com\n")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.line").value(2));
        upload(store, "email,role\n")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("no rows")));

        assertThat(mongo.count(storeUploads(store), ImportUploads.BUCKET + ".files"))
                .isZero();
        assertThat(mongo.count(new Query(Criteria.where("storeId").is(store)), InviteImport.class))
                .isZero();
    }

    @Test
    void aFileOverTheRowOrSizeLimitIsRefusedNamingTheLine() throws Exception {
        String store = newStore();
        ImportUploads small = new ImportUploads(
                mongo,
                new BulkProperties(
                        1000,
                        DataSize.ofMegabytes(2),
                        new BulkProperties.Imports(
                                3,
                                DataSize.ofBytes(120),
                                10,
                                Duration.ofMinutes(1),
                                Duration.ofSeconds(1),
                                1,
                                Duration.ofDays(1))));
        String fourRows = "email\na@example.com\nb@example.com\nc@example.com\nd@example.com\n";
        String large = "email\n" + "abcdefghijklmnopqrstuvwxyz@example.com\n".repeat(4);

        assertThatThrownBy(() -> small.store(stream(fourRows), "rows.csv", store))
                .isInstanceOfSatisfying(ImportProblems.MalformedFile.class, e -> {
                    assertThat(e.properties()).containsEntry("line", 5L);
                    assertThat(e.getMessage()).contains("more than 3 rows");
                });
        assertThatThrownBy(() -> small.store(stream(large), "large.csv", store))
                .isInstanceOfSatisfying(
                        ImportProblems.MalformedFile.class,
                        e -> assertThat(e.getMessage()).contains("larger than 120 bytes"));
        assertThat(mongo.count(storeUploads(store), ImportUploads.BUCKET + ".files"))
                .isZero();
    }

    @Test
    void anImportWhoseInstanceDiesMidBatchIsResumedWithoutCreatingARowTwice() throws Exception {
        worker.stop();
        String store = newStore();
        String location = upload(store, rows(250))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getHeader("Location");
        String importId = smallBatches(location, 25);

        // an instance takes it up and dies after writing the invites of its 4th batch, before recording them
        InviteImport claimed =
                imports.claim("doomed", clock.instant(), Duration.ofMinutes(1)).orElseThrow();
        ImportProcessor dying = processor((held, firstRow) -> {
            if (firstRow == 75) {
                throw new IllegalStateException("the instance died");
            }
        });
        assertThatThrownBy(() -> dying.process(claimed, () -> true)).hasMessageContaining("died");
        assertThat(imports.find(store, importId).orElseThrow().rowsRead()).isEqualTo(75);
        assertThat(mongo.count(storeInvites(store), "invites")).isEqualTo(100);

        // invite-api starts again: once the dead instance's lease has passed, the import is resumed at row 75
        clock.advance(Duration.ofMinutes(2));
        worker.start();
        JsonNode done = awaitDone(store, location);

        assertThat(done.get("state").asString()).isEqualTo("DONE");
        assertThat(done.get("created").asInt()).isEqualTo(250);
        assertThat(done.get("failed").asInt()).isZero();
        assertThat(mongo.count(storeInvites(store), "invites")).isEqualTo(250);
        Map<Long, CSVRecord> results = resultsByLine(store, location);
        assertThat(results).hasSize(250);
        Set<String> ids = new HashSet<>();
        results.values().forEach(row -> {
            assertThat(row.get("status")).isEqualTo("201");
            ids.add(row.get("inviteId"));
        });
        assertThat(ids).hasSize(250);
        awaitOneCommandEach(List.copyOf(ids));
    }

    @Test
    void aStoppingInstanceReleasesItsImportAndAnotherOneFinishesIt() throws Exception {
        worker.stop();
        String store = newStore();
        String location = upload(store, rows(120)).andReturn().getResponse().getHeader("Location");
        String importId = smallBatches(location, 20);

        InviteImport claimed = imports.claim("stopping", clock.instant(), Duration.ofMinutes(10))
                .orElseThrow();
        AtomicInteger batches = new AtomicInteger();
        processor((held, firstRow) -> {}).process(claimed, () -> batches.incrementAndGet() <= 2);
        InviteImport released = imports.find(store, importId).orElseThrow();
        assertThat(released.rowsRead()).isEqualTo(40);
        assertThat(released.state()).isEqualTo(InviteImport.State.RUNNING);

        worker.start(); // no waiting for the lease: it was released
        JsonNode done = awaitDone(store, location);

        assertThat(done.get("created").asInt()).isEqualTo(120);
        assertThat(mongo.count(storeInvites(store), "invites")).isEqualTo(120);
        assertThat(mongo.count(storeUploads(store), ImportUploads.BUCKET + ".files"))
                .as("the upload is removed once done")
                .isZero();
    }

    @Test
    void aCancelledImportStopsAfterItsCurrentBatchAndKeepsTheRowsCreated() throws Exception {
        worker.stop();
        String store = newStore();
        String location = upload(store, rows(100)).andReturn().getResponse().getHeader("Location");
        String importId = smallBatches(location, 10);
        mvc.perform(get(location + "/results").header("Authorization", "Bearer " + TestTokens.admin(store)))
                .andExpect(status().isConflict());

        InviteImport claimed =
                imports.claim("running", clock.instant(), Duration.ofMinutes(1)).orElseThrow();
        processor((held, firstRow) -> {
                    if (firstRow == 20) { // the admin cancels while the third batch is being written
                        try {
                            api(delete(location), store)
                                    .andExpect(status().isOk())
                                    .andExpect(jsonPath("$.state").value("CANCELLED"));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                })
                .process(claimed, () -> true);

        JsonNode cancelled = read(api(get(location), store));
        assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("done").asBoolean()).isTrue();
        assertThat(cancelled.get("rowsRead").asInt()).isEqualTo(30);
        assertThat(cancelled.get("created").asInt()).isEqualTo(30);
        assertThat(mongo.count(storeInvites(store), "invites")).isEqualTo(30);
        assertThat(mongo.count(storeUploads(store), ImportUploads.BUCKET + ".files"))
                .isZero();
        api(post(location + "/cancel"), store).andExpect(status().isOk());
        assertThat(resultsByLine(store, location)).hasSize(30);

        worker.start();
        assertThat(imports.find(store, importId).orElseThrow().state()).isEqualTo(InviteImport.State.CANCELLED);
    }

    @Test
    void aFinishedImportCannotBeCancelledAndAnotherStoresImportIsNotFound() throws Exception {
        String store = newStore();
        String location = upload(store, rows(3)).andReturn().getResponse().getHeader("Location");
        awaitDone(store, location);

        api(delete(location), store).andExpect(status().isConflict());
        String other = newStore();
        String foreign = location.replace(store, other);
        api(get(foreign), other).andExpect(status().isNotFound());
        JsonNode list = read(api(get("/api/v1/stores/" + store + "/invite-imports"), store));
        assertThat(list.get("items").get(0).get("id").asString())
                .isEqualTo(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Makes the import cut its batches at {@code size} rows (fixed per import at upload), for tests that stop it. */
    private String smallBatches(String location, int size) {
        String importId = location.substring(location.lastIndexOf('/') + 1);
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(importId)), new Update().set("batchSize", size), InviteImport.class);
        return importId;
    }

    private ImportProcessor processor(ImportProcessor.BatchWritten batchWritten) {
        return new ImportProcessor(bulk, imports, uploads, Duration.ofMinutes(1), clock, batchWritten);
    }

    private JsonNode awaitDone(String store, String location) throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> read(api(get(location), store)).get("done").asBoolean());
        return read(api(get(location), store));
    }

    private Map<Long, CSVRecord> resultsByLine(String store, String location) throws Exception {
        String csv = api(get(location + "/results"), store)
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF");
        Map<Long, CSVRecord> byLine = new HashMap<>();
        for (CSVRecord record : CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv.substring(1)))) {
            assertThat(byLine.put(Long.parseLong(record.get("line")), record))
                    .as("one result per line")
                    .isNull();
        }
        return byLine;
    }

    private void awaitOneCommandEach(List<String> inviteIds) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        inviteIds.forEach(id -> assertThat(commands.withKey(id)).isNotEmpty()));
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> inviteIds.forEach(id -> assertThat(commands.withKey(id).stream()
                                .map(record -> record.value())
                                .distinct())
                        .as("distinct commands for %s", id)
                        .hasSize(1)));
    }

    private static String statusOn(Map<Long, CSVRecord> results, long line) {
        return results.get(line).get("status");
    }

    private static String rows(int n) {
        StringBuilder file = new StringBuilder("email,role\n");
        String batch = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < n; i++) {
            file.append("row").append(i).append('.').append(batch).append("@example.com,STAFF\n");
        }
        return file.toString();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Query storeInvites(String store) {
        return new Query(Criteria.where("storeId").is(store));
    }

    private static Query storeUploads(String store) {
        return new Query(Criteria.where("metadata.storeId").is(store));
    }

    private void createSingle(String store, String email) throws Exception {
        mvc.perform(post("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(inviteBody(email)))
                .andExpect(status().isCreated());
    }

    private ResultActions upload(String store, String csv) throws Exception {
        return mvc.perform(post("/api/v1/stores/" + store + "/invite-imports")
                .header("Authorization", "Bearer " + TestTokens.admin(store))
                .contentType(CSV)
                .content(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private ResultActions api(MockHttpServletRequestBuilder request, String store) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + TestTokens.admin(store)));
    }

    private JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
