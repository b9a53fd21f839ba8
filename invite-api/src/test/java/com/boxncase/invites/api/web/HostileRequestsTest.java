package com.boxncase.invites.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.api.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI walker itself: it attacks every parameter and field, and it catches a broken endpoint. */
class HostileRequestsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final JsonNode api = json.readTree("""
            {"paths": {
              "/api/v1/stores/{storeId}/things": {
                "get": {"parameters": [
                  {"name": "storeId", "in": "path", "required": true, "schema": {"type": "string"}},
                  {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                  {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}}]},
                "post": {
                  "parameters": [{"name": "storeId", "in": "path", "required": true, "schema": {"type": "string"}}],
                  "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
              }},
             "components": {"schemas": {
               "Thing": {"type": "object", "properties": {
                 "name": {"type": "string"},
                 "size": {"type": "integer"},
                 "part": {"$ref": "#/components/schemas/Part"}}},
               "Part": {"type": "object", "properties": {"label": {"type": "string"}}}}}}
            """);

    private final HostileRequests walker = new HostileRequests(api, baseline(), json);

    @Test
    void everyParameterAndEveryBodyFieldGetsEveryHostileValue() {
        List<String> described =
                walker.all().stream().map(HostileRequests.Request::description).toList();

        for (String hostile : HostileRequests.HOSTILE_STRINGS) {
            String value = HostileRequests.abbreviate(hostile);
            assertThat(described).contains("GET /api/v1/stores/{storeId}/things path storeId=" + value);
            assertThat(described).contains("GET /api/v1/stores/{storeId}/things query limit=" + value);
            assertThat(described).contains("POST /api/v1/stores/{storeId}/things path storeId=" + value);
        }
        for (String field : List.of("name", "size", "part", "part.label")) {
            for (String hostile : HostileRequests.HOSTILE_JSON_VALUES) {
                assertThat(described)
                        .contains("POST /api/v1/stores/{storeId}/things body " + field + "="
                                + HostileRequests.abbreviate(hostile));
            }
        }
        assertThat(described)
                .contains(
                        "POST /api/v1/stores/{storeId}/things body of 1 MB",
                        "POST /api/v1/stores/{storeId}/things body nested 100k deep",
                        "POST /api/v1/stores/{storeId}/things body as text/plain",
                        "undeclared method DELETE /api/v1/stores/{storeId}/things",
                        "unknown path");
    }

    @Test
    void hostileValuesArePercentEncodedInThePathAndBodiesStayValidJsonAroundTheHostileValue() {
        HostileRequests.Request crlf =
                request("GET /api/v1/stores/{storeId}/things path storeId=line\\r\\nX-Injected: yes");
        assertThat(new String(crlf.target(), StandardCharsets.US_ASCII))
                .isEqualTo("/api/v1/stores/line%0D%0AX-Injected%3A%20yes/things");

        HostileRequests.Request operator =
                request("POST /api/v1/stores/{storeId}/things body part.label={\"$gt\": \"\"}");
        JsonNode body = json.readTree(operator.body());
        assertThat(body.get("part").get("label").get("$gt").asString()).isEmpty();
        assertThat(body.get("name").asString()).isEqualTo("x");
    }

    @Test
    void aCorrectServerPassesTheWalk() {
        assertThat(walker.violations(walker.all(), request -> problem(400, "limit")))
                .isEmpty();
    }

    @Test
    void anEndpointThatAnswersANegativeLimitWith500IsCaught() {
        Function<HostileRequests.Request, RawHttp.Response> broken = request -> request.description()
                        .endsWith("query limit=-1")
                ? new RawHttp.Response(500, Map.of("content-type", "application/json"), "{\"status\":500}".getBytes())
                : problem(400, "limit");

        assertThat(walker.violations(walker.all(), broken))
                .singleElement()
                .asString()
                .contains("query limit=-1", "answered 500");
    }

    @Test
    void aContainerErrorPageAProblemWithoutAFieldAndAWrongStatusAreCaught() {
        Function<HostileRequests.Request, RawHttp.Response> sloppy = request -> {
            String described = request.description();
            if (described.contains("storeId=../../etc/passwd")) {
                return new RawHttp.Response(
                        400, Map.of("content-type", "text/html"), "<html>Bad Request</html>".getBytes());
            }
            if (described.contains("body of 1 MB")) {
                return new RawHttp.Response(
                        400, Map.of("content-type", "application/problem+json"), "{\"status\":400}".getBytes());
            }
            if (described.equals("unknown path")) {
                return new RawHttp.Response(
                        404, Map.of("content-type", "application/problem+json"), "{\"status\":500}".getBytes());
            }
            return problem(400, "limit");
        };

        assertThat(walker.violations(walker.all(), sloppy))
                .hasSize(4)
                .anySatisfy(found -> assertThat(found).contains("path storeId=../../etc/passwd", "text/html"))
                .anySatisfy(found -> assertThat(found).contains("body of 1 MB", "without naming the field"))
                .anySatisfy(found -> assertThat(found).contains("unknown path", "whose status is 500"));
    }

    private HostileRequests.Request request(String description) {
        return walker.all().stream()
                .filter(request -> request.description().equals(description))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no request " + description));
    }

    private RawHttp.Response problem(int status, String field) {
        String body = "{\"status\":%d,\"errors\":[{\"field\":\"%s\",\"reason\":\"is bad\"}]}".formatted(status, field);
        return new RawHttp.Response(
                status, Map.of("content-type", "application/problem+json"), body.getBytes(StandardCharsets.UTF_8));
    }

    private HostileRequests.Baseline baseline() {
        return new HostileRequests.Baseline() {
            @Override
            public String pathValue(String parameter) {
                return "store-1";
            }

            @Override
            public Optional<String> queryValue(String parameter) {
                return Optional.empty();
            }

            @Override
            public ObjectNode body(String schemaName, ObjectNode generated) {
                return generated;
            }

            @Override
            public String token(String storeId) {
                return "token-for-" + storeId;
            }
        };
    }
}
