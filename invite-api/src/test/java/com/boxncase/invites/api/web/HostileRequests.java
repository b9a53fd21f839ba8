package com.boxncase.invites.api.web;

import com.boxncase.invites.api.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks an OpenAPI document and makes hostile requests for every operation: each path, query and header
 * parameter and each body field in turn gets each hostile value while the rest of the request stays valid; then
 * whole-body attacks (1 MB, deep nesting, malformed, wrong media type) and undeclared methods. {@link #violation}
 * says what an answer broke: a 5xx, or a 4xx that is not {@code application/problem+json}, or a 400 that does not
 * name the field.
 */
final class HostileRequests {

    /** Values for strings: path, query and header parameters, and string body fields. */
    static final List<String> HOSTILE_STRINGS = List.of(
            "",
            "a".repeat(3_000),
            "a".repeat(10_000),
            "-1",
            "0",
            "100000",
            "99999999999999999999999",
            "Zoë ✓ 東京 \uD83D\uDE00",
            "line\r\nX-Injected: yes",
            "{\"$gt\": \"\"}",
            "$where",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "nul\u0000byte",
            " ");

    /** Values for JSON body fields, as JSON text. */
    static final List<String> HOSTILE_JSON_VALUES = List.of(
            "\"\"",
            "\"" + "a".repeat(100_000) + "\"",
            "-1",
            "1e400",
            "9223372036854775808",
            "\"Zoë ✓ 東京 \uD83D\uDE00\"",
            "\"line\\r\\nX-Injected: yes\"",
            "{\"$gt\": \"\"}",
            "[\"$ne\", 1]",
            "null",
            "true",
            "\"nul\\u0000byte\"",
            "[".repeat(5_000) + "]".repeat(5_000));

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    /** One request and what it is meant to show. */
    record Request(
            String description, String method, byte[] target, List<Map.Entry<String, String>> headers, byte[] body) {

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * What makes an otherwise valid request: a value for each path parameter, a valid body per schema name, and
     * the bearer token for a request to a store (the token always carries every scope; its {@code stores} claim
     * holds the request's store id, hostile or not, so the request gets past authorization to validation).
     */
    interface Baseline {
        String pathValue(String parameter);

        Optional<String> queryValue(String parameter);

        ObjectNode body(String schemaName, ObjectNode generated);

        String token(String storeId);
    }

    private final JsonNode api;
    private final Baseline baseline;
    private final JsonMapper json;

    HostileRequests(JsonNode api, Baseline baseline, JsonMapper json) {
        this.api = api;
        this.baseline = baseline;
        this.json = json;
    }

    List<Request> all() {
        List<Request> requests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            Set<String> declared = new LinkedHashSet<>();
            JsonNode anyOperation = null;
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (METHODS.contains(method)) {
                    declared.add(method);
                    anyOperation = operation.getValue();
                    requests.addAll(forOperation(path.getKey(), method, operation.getValue()));
                }
            }
            for (String method : METHODS) {
                if (!declared.contains(method) && anyOperation != null) {
                    Operation valid = Operation.valid(this, path.getKey(), method, anyOperation, null);
                    requests.add(valid.request("undeclared method " + method + " " + path.getKey()));
                }
            }
        }
        Operation unknown = new Operation(this, "GET", "/api/v1/no-such-thing", Map.of(), Map.of(), Map.of(), null);
        requests.add(unknown.request("unknown path"));
        return requests;
    }

    private List<Request> forOperation(String path, String method, JsonNode operation) {
        List<Request> requests = new ArrayList<>();
        String name = method + " " + path;
        ObjectNode body = null;
        String schemaName = null;
        JsonNode content = operation.path("requestBody").path("content");
        if (content.has("application/json")) {
            JsonNode schema = content.get("application/json").get("schema");
            schemaName = refName(schema);
            body = baseline.body(schemaName, generate(schema));
        }
        Operation valid = Operation.valid(this, path, method, operation, body);
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.get("in").asString();
            String parameterName = parameter.get("name").asString();
            for (String hostile : HOSTILE_STRINGS) {
                String label = "%s %s %s=%s".formatted(name, in, parameterName, abbreviate(hostile));
                switch (in) {
                    case "path" ->
                        requests.add(valid.withPath(parameterName, hostile).request(label));
                    case "query" ->
                        requests.add(valid.withQuery(parameterName, hostile).request(label));
                    case "header" -> {
                        if (!hostile.contains("\r") && !hostile.contains("\u0000")) {
                            requests.add(
                                    valid.withHeader(parameterName, hostile).request(label));
                        }
                    }
                    default -> {}
                }
            }
            if (in.equals("query")) {
                // operator injection through bracket syntax (status[$ne]=x) and a repeated parameter
                requests.add(
                        valid.withQuery(parameterName + "[$ne]", "x").request(name + " " + parameterName + "[$ne]"));
                requests.add(valid.withQuery(parameterName, "a")
                        .withExtraQuery(parameterName, "b")
                        .request(name + " repeated " + parameterName));
            }
        }
        if (body != null) {
            for (String field : fields(content.get("application/json").get("schema"), "")) {
                for (String hostile : HOSTILE_JSON_VALUES) {
                    String withHostile = replaceField(body, field, hostile);
                    requests.add(valid.withBody(withHostile.getBytes(StandardCharsets.UTF_8), "application/json")
                            .request("%s body %s=%s".formatted(name, field, abbreviate(hostile))));
                }
            }
            for (Map.Entry<String, byte[]> attack : bodyAttacks(body).entrySet()) {
                requests.add(valid.withBody(attack.getValue(), "application/json")
                        .request(name + " body " + attack.getKey()));
            }
            requests.add(valid.withBody(body.toString().getBytes(StandardCharsets.UTF_8), "text/plain")
                    .request(name + " body as text/plain"));
            requests.add(valid.withBody("<a/>".getBytes(StandardCharsets.UTF_8), "application/xml")
                    .request(name + " body as XML"));
            requests.add(
                    valid.withBody(body.toString().getBytes(StandardCharsets.UTF_8), "application/json; charset=bogus")
                            .request(name + " body in a made-up charset"));
            requests.add(valid.withBody(body.toString().getBytes(StandardCharsets.UTF_8), "no/such; type=\"")
                    .request(name + " body with a malformed content type"));
        } else if (!method.equals("GET") && !method.equals("DELETE")) {
            requests.add(
                    valid.withBody(new byte[1024 * 1024], "application/json").request(name + " 1 MB of zeros"));
        }
        return requests;
    }

    private static Map<String, byte[]> bodyAttacks(ObjectNode body) {
        Map<String, byte[]> attacks = new LinkedHashMap<>();
        ObjectNode big = body.deepCopy();
        big.put("padding", "x".repeat(1024 * 1024));
        attacks.put("of 1 MB", big.toString().getBytes(StandardCharsets.UTF_8));
        attacks.put("nested 100k deep", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        attacks.put(
                "objects nested 2000 deep",
                ("{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)).getBytes(StandardCharsets.UTF_8));
        attacks.put("malformed", "{\"email\": ".getBytes(StandardCharsets.UTF_8));
        attacks.put("empty", new byte[0]);
        attacks.put("null", "null".getBytes(StandardCharsets.UTF_8));
        attacks.put("array", "[]".getBytes(StandardCharsets.UTF_8));
        attacks.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        attacks.put("operator document", "{\"$where\": \"sleep(1000)\"}".getBytes(StandardCharsets.UTF_8));
        return attacks;
    }

    /** One request under construction: valid values everywhere, then one thing made hostile. */
    private record Operation(
            HostileRequests owner,
            String method,
            String path,
            Map<String, String> pathValues,
            Map<String, List<String>> query,
            Map<String, String> headers,
            Body body) {

        record Body(byte[] bytes, String contentType) {}

        static Operation valid(HostileRequests owner, String path, String method, JsonNode operation, ObjectNode body) {
            Map<String, String> pathValues = new LinkedHashMap<>();
            Map<String, List<String>> query = new LinkedHashMap<>();
            for (JsonNode parameter : operation.path("parameters")) {
                String name = parameter.get("name").asString();
                switch (parameter.get("in").asString()) {
                    case "path" -> pathValues.put(name, owner.baseline.pathValue(name));
                    case "query" -> owner.baseline.queryValue(name).ifPresent(value -> query.put(name, List.of(value)));
                    default -> {}
                }
            }
            Body valid = body == null
                    ? null
                    : new Body(body.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            return new Operation(owner, method, path, pathValues, query, Map.of(), valid);
        }

        Operation withPath(String name, String value) {
            Map<String, String> values = new LinkedHashMap<>(pathValues);
            values.put(name, value);
            return new Operation(owner, method, path, values, query, headers, body);
        }

        Operation withQuery(String name, String value) {
            Map<String, List<String>> values = new LinkedHashMap<>(query);
            values.put(name, List.of(value));
            return new Operation(owner, method, path, pathValues, values, headers, body);
        }

        Operation withExtraQuery(String name, String value) {
            Map<String, List<String>> values = new LinkedHashMap<>(query);
            List<String> all = new ArrayList<>(values.getOrDefault(name, List.of()));
            all.add(value);
            values.put(name, all);
            return new Operation(owner, method, path, pathValues, values, headers, body);
        }

        Operation withHeader(String name, String value) {
            Map<String, String> values = new LinkedHashMap<>(headers);
            values.put(name, value);
            return new Operation(owner, method, path, pathValues, query, values, body);
        }

        Operation withBody(byte[] bytes, String contentType) {
            return new Operation(owner, method, path, pathValues, query, headers, new Body(bytes, contentType));
        }

        Request request(String description) {
            String target = path;
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                target = target.replace("{" + value.getKey() + "}", encode(value.getValue()));
            }
            StringBuilder queryString = new StringBuilder();
            query.forEach((name, values) -> values.forEach(value -> queryString
                    .append(queryString.isEmpty() ? "?" : "&")
                    .append(encode(name))
                    .append('=')
                    .append(encode(value))));
            List<Map.Entry<String, String>> headerList = new ArrayList<>();
            String storeId = pathValues.get("storeId");
            headerList.add(Map.entry("Authorization", "Bearer " + owner.baseline.token(storeId)));
            headers.forEach((name, value) -> headerList.add(Map.entry(name, value)));
            byte[] bytes = null;
            if (body != null) {
                headerList.add(Map.entry("Content-Type", body.contentType()));
                bytes = body.bytes();
            }
            return new Request(
                    description,
                    method,
                    (target + queryString).getBytes(StandardCharsets.US_ASCII),
                    List.copyOf(headerList),
                    bytes);
        }
    }

    /**
     * What the answer broke, if anything: a 5xx; a 4xx that is not problem+json with its status; a 400 whose
     * {@code errors} do not name a field.
     */
    Optional<String> violation(RawHttp.Response response) {
        int status = response.status();
        if (status >= 500) {
            return Optional.of("answered " + status + ": " + abbreviate(response.bodyText()));
        }
        if (status < 400) {
            return Optional.empty();
        }
        String contentType = response.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return Optional.of("answered " + status + " as " + contentType + " instead of application/problem+json: "
                    + abbreviate(response.bodyText()));
        }
        JsonNode problem;
        try {
            problem = json.readTree(response.body());
        } catch (RuntimeException e) {
            return Optional.of(
                    "answered " + status + " with a body that is not JSON: " + abbreviate(response.bodyText()));
        }
        if (problem.path("status").asInt() != status) {
            return Optional.of("answered " + status + " with a problem whose status is " + problem.path("status"));
        }
        if (status == 400) {
            JsonNode errors = problem.path("errors");
            if (!errors.isArray()
                    || errors.isEmpty()
                    || errors.get(0).path("field").asString("").isBlank()) {
                return Optional.of("answered 400 without naming the field: " + abbreviate(response.bodyText()));
            }
        }
        return Optional.empty();
    }

    private ObjectNode generate(JsonNode schema) {
        ObjectNode node = json.createObjectNode();
        JsonNode resolved = resolve(schema);
        for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
            JsonNode type = resolve(property.getValue());
            switch (type.path("type").asString("object")) {
                case "string" ->
                    node.put(
                            property.getKey(),
                            type.has("enum") ? type.get("enum").get(0).asString() : "x");
                case "integer", "number" -> node.put(property.getKey(), 1);
                case "boolean" -> node.put(property.getKey(), true);
                case "array" -> {
                    JsonNode items = resolve(type.path("items"));
                    var array = node.putArray(property.getKey());
                    if (items.has("enum")) {
                        array.add(items.get("enum").get(0).asString());
                    }
                }
                default -> node.set(property.getKey(), generate(property.getValue()));
            }
        }
        return node;
    }

    /** Dotted paths of a schema's fields, one level into nested objects. */
    private List<String> fields(JsonNode schema, String prefix) {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property :
                resolve(schema).path("properties").properties()) {
            String field = prefix + property.getKey();
            fields.add(field);
            JsonNode type = resolve(property.getValue());
            if (prefix.isEmpty() && type.has("properties")) {
                fields.addAll(fields(property.getValue(), field + "."));
            }
        }
        return fields;
    }

    private String replaceField(ObjectNode body, String field, String hostileJson) {
        ObjectNode copy = body.deepCopy();
        String marker = "__hostile__";
        Iterator<String> parts = List.of(field.split("\\.")).iterator();
        ObjectNode parent = copy;
        String part = parts.next();
        while (parts.hasNext()) {
            parent = parent.get(part) instanceof ObjectNode object ? object : parent.putObject(part);
            part = parts.next();
        }
        parent.put(part, marker);
        return copy.toString().replace("\"" + marker + "\"", hostileJson);
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = refName(schema);
        return ref == null ? schema : api.path("components").path("schemas").path(ref);
    }

    private static String refName(JsonNode schema) {
        if (schema == null || !schema.has("$ref")) {
            return null;
        }
        String ref = schema.get("$ref").asString();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, as a careful client does. */
    static String encode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.write(b);
            } else {
                out.writeBytes("%%%02X".formatted(b & 0xff).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    static String abbreviate(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...(" + text.length() + " chars)";
    }

    /** For the unit test: every request, described, with a function answering it. */
    List<String> violations(List<Request> requests, Function<Request, RawHttp.Response> server) {
        List<String> found = new ArrayList<>();
        for (Request request : requests) {
            violation(server.apply(request)).ifPresent(problem -> found.add(request + " -> " + problem));
        }
        return found;
    }
}
