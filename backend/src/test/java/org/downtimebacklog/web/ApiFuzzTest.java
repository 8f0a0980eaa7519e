package org.downtimebacklog.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of every operation in the service's own OpenAPI document: bodies built from the documented
 * schemas and then mutated (fields dropped, wrong types, out-of-range and hostile values, malformed or oversized
 * JSON), mutated path and query parameters and headers, sent as each role, with forged or broken tokens, and as
 * nobody. Whatever arrives, the service answers below 500 and never with a redirect, and every error is problem+json
 * with its status.
 *
 * <p>{@code -Djqwik.tries.default=N} sets the number of requests (3,000 in the ordinary build, from
 * {@code junit-platform.properties}).
 */
class ApiFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NHS_NUMBER = "9434765919";
    private static final String NO_BODY = "<no body>";

    private static Path dataDir;
    private static EmbeddedServer server;
    private static HttpClient http;
    private static Api api;
    private static List<Endpoint> endpoints;
    private static Fixture fixture;
    private static final List<String> ROLES = List.of("clerk", "lead", "auditor", "admin");
    private static final Map<String, AtomicLong> STATUSES = new ConcurrentHashMap<>();

    /** One documented operation. */
    record Endpoint(String method, String path, List<Parameter> parameters, Schema<?> body) {
    }

    /** What the fuzzer knows of the service's data, so that some requests reach past validation into the rules. */
    record Fixture(String site, String otherSite, List<Long> outageIds, List<Long> itemIds, List<Long> victimUserIds,
                   List<String> usernames, Map<String, Api.User> users, Map<String, String> authorizations) {
    }

    /** One request as sent; its text is what a failure reports. */
    record FuzzRequest(String method, String path, String query, Map<String, String> headers, String body,
                       String caller) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
            return caller + " " + method + " " + path + query + " " + headers + " " + shown;
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "fuzz-");
        // its own database: the fuzzer changes users, and must not change those of the other tests
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "backlog.data-dir", dataDir.toString(),
                "backlog.embedded-db.stop-on-close", true), "test");
        http = newClient();
        api = new Api(server.getURL());
        fixture = fixture(api);
        String document = api.get("/api/openapi.yml", null).raw().body();
        ParseOptions options = new ParseOptions();
        options.setResolveFully(true);
        OpenAPI spec = new OpenAPIV3Parser().readContents(document, null, options).getOpenAPI();
        endpoints = new ArrayList<>();
        spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                endpoints.add(endpoint(path, method, operation))));
        assertThat(endpoints).as("operations in the OpenAPI document").hasSizeGreaterThan(30);
    }

    @AfterContainer
    static void stop() {
        if (endpoints == null) {
            return;
        }
        System.out.println("fuzz: " + STATUSES.values().stream().mapToLong(AtomicLong::get).sum()
                + " requests over " + endpoints.size() + " operations; answers by status: " + new TreeMap<>(STATUSES));
    }

    @AfterContainer
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void noRequestGetsA5xxAndEveryErrorIsProblemJson(@ForAll("requests") FuzzRequest request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.getURI() + request.path() + request.query()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 413) {
            // refused while reading it, the request's connection is closed; a POST is not resent on a new one
            http = newClient();
        }
        if (request.path().equals("/api/auth/logout") && status < 300 && ROLES.contains(request.caller())) {
            // a fuzzed request signed this caller out: sign in again, so that the rest still runs as that role
            signIn(request.caller());
        }
        STATUSES.computeIfAbsent(String.valueOf(status), s -> new AtomicLong()).incrementAndGet();

        assertThat(status).as("status of " + request + "\n→ " + response.body()).isLessThan(500);
        assertThat(status / 100).as("an API never redirects: " + request).isNotEqualTo(3);
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("error type of " + request).startsWith("application/problem+json");
            JsonNode problem = Api.JSON.readTree(response.body());
            assertThat(problem.path("status").asInt()).as("problem status of " + request).isEqualTo(status);
            assertThat(problem.path("title").asText()).as("problem title of " + request).isNotBlank();
            assertThat(response.body()).as("problem of " + request).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return Arbitraries.of(endpoints).flatMap(endpoint -> {
            Arbitrary<String> path = path(endpoint);
            Arbitrary<String> query = query(endpoint);
            // the four roles four times as often as the four ways of being nobody
            Arbitrary<String> caller = Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.of(ROLES)),
                    Tuple.of(1, Arbitraries.of("nobody", "forged-admin", "garbage", "basic")));
            Arbitrary<Map<String, String>> headers = headers(endpoint);
            Arbitrary<String> body = endpoint.body() == null ? Arbitraries.just(NO_BODY) : body(endpoint.body());
            return Combinators.combine(path, query, caller, headers, body).as((p, q, c, h, b) -> {
                Map<String, String> all = new LinkedHashMap<>(h);
                String authorization = fixture.authorizations().get(c);
                if (authorization != null) {
                    all.put("Authorization", authorization);
                }
                return new FuzzRequest(endpoint.method(), p, q, all, NO_BODY.equals(b) ? null : b, c);
            });
        });
    }

    // ---- the request's parts ----

    private Arbitrary<String> path(Endpoint endpoint) {
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (String segment : endpoint.path().split("/")) {
            if (segment.equals("{id}")) {
                parts.add(pathId(endpoint.path()));
            } else if (segment.equals("{system}")) {
                parts.add(Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("EMAR", "LIMS")),
                        Tuple.of(4, junkSegment())));
            } else if (segment.startsWith("{")) {
                // any other number in a path (an upload's part, say)
                parts.add(Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("0", "1", "2")), Tuple.of(4, junkSegment())));
            } else {
                parts.add(Arbitraries.just(segment));
            }
        }
        return Combinators.combine(parts).as(list -> String.join("/", list));
    }

    private Arbitrary<String> pathId(String path) {
        List<Long> known = path.startsWith("/api/users") ? fixture.victimUserIds()
                : path.startsWith("/api/outages") ? fixture.outageIds() : fixture.itemIds();
        Arbitrary<String> junk = path.startsWith("/api/users") ? junkSegment().filter(s -> !s.matches("[1-9][0-9]?"))
                : junkSegment();
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(known).map(String::valueOf)), Tuple.of(4, junk));
    }

    private static Arbitrary<String> junkSegment() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "1", "2", "9223372036854775807", "9223372036854775808",
                        "99999999999999999999999", "1.5", "1e3", "abc", "%00", "%20", "%2F..", "null", "true",
                        "%E2%80%AE", "-0", "0x10", "1;2"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400));
    }

    private Arbitrary<String> query(Endpoint endpoint) {
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (Parameter parameter : endpoint.parameters()) {
            if (!"query".equals(parameter.getIn())) {
                continue;
            }
            Arbitrary<String> value = Arbitraries.frequencyOf(
                    Tuple.of(5, value(parameter.getName(), parameter.getSchema(), 0).map(ApiFuzzTest::asText)),
                    Tuple.of(2, junkText()));
            parts.add(Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("")),
                    Tuple.of(5, value.map(v -> parameter.getName() + "=" + encode(v)))));
        }
        parts.add(Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("unknown=1", "page=1&page=2", "size=", "=", "sort=%00"))));
        return Combinators.combine(parts).as(list -> {
            String joined = list.stream().filter(s -> !s.isEmpty()).collect(Collectors.joining("&"));
            return joined.isEmpty() ? "" : "?" + joined;
        });
    }

    private static Arbitrary<Map<String, String>> headers(Endpoint endpoint) {
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("application/json")),
                Tuple.of(1, Arbitraries.of("text/plain", "application/xml", "application/json; charset=ISO-8859-1",
                        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "garbage")),
                Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.create(() -> java.util.UUID.randomUUID().toString())),
                Tuple.of(1, Arbitraries.of("", " ", "a b", "\"quoted\"", "x".repeat(129), "x".repeat(5000))),
                Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> ifMatch = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("\"0\"", "\"1\"", "\"2\"", "\"3\"")),
                Tuple.of(2, Arbitraries.of("*", "garbage", "W/\"1\"", "\"\"", "\"-1\"", "\"99999999999999999999\"",
                        "\"1\", \"2\"")),
                Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> forwarded = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("10.0.0.1", "garbage", "1.2.3.4, 5.6.7.8", "::1", "999.999.999.999")));
        Arbitrary<String> accept = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("text/csv", "application/xml", "*/*", "text/html", "garbage")));
        return Combinators.combine(contentType, key, ifMatch, forwarded, accept).as((type, k, match, via, acc) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            if (endpoint.body() != null && !type.isEmpty()) {
                headers.put("Content-Type", type);
            }
            if (!k.isEmpty() && endpoint.method().equals("POST")) {
                headers.put("Idempotency-Key", k);
            }
            if (!match.isEmpty() && !endpoint.method().equals("GET")) {
                headers.put("If-Match", match);
            }
            if (!via.isEmpty()) {
                headers.put("X-Forwarded-For", via);
            }
            if (!acc.isEmpty()) {
                headers.put("Accept", acc);
            }
            return headers;
        });
    }

    private static Arbitrary<String> body(Schema<?> schema) {
        return Arbitraries.frequencyOf(
                Tuple.of(30, value("", schema, 0).map(Api::write)),
                Tuple.of(2, Arbitraries.of("{", "[1,2", "{\"a\":}", "nul", "{\"outageId\": 1,}", "{'a': 1}",
                        "\u0000", "{\"a\": NaN}", "{\"a\": 1} trailing", "\uFEFF{}", "{\"a\": \"\\ud800\"}")),
                Tuple.of(2, Arbitraries.of("[]", "1", "\"text\"", "null", "true", "{}", "[{}]", "-1e999")),
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of(2_000, 100_000).map(depth -> "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(1, Arbitraries.of(300_000, 1_100_000).map(size -> "{\"summary\": \"" + "x".repeat(size) + "\"}")));
    }

    // ---- values: valid by the schema and the fixture most of the time, hostile some of the time ----

    private static Arbitrary<JsonNode> value(String name, Schema<?> schema, int depth) {
        return Arbitraries.frequencyOf(Tuple.of(7, plausible(name, schema, depth)), Tuple.of(1, junkNode()));
    }

    private static Arbitrary<JsonNode> plausible(String name, Schema<?> schema, int depth) {
        Arbitrary<JsonNode> known = known(name);
        if (known != null) {
            return known;
        }
        if (schema == null) {
            return junkNode();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return Arbitraries.of(schema.getEnum()).map(e -> (JsonNode) NODES.textNode(String.valueOf(e)));
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next()
                : schema.getProperties() != null ? "object" : "string";
        return switch (type) {
            case "object" -> depth > 3 ? junkNode() : object(schema, depth);
            case "array" -> depth > 3 ? junkNode() : value(name, schema.getItems(), depth + 1).list()
                    .ofMaxSize(4).map(items -> {
                        ArrayNode array = NODES.arrayNode();
                        items.forEach(array::add);
                        return array;
                    });
            case "integer", "number" -> Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.longs().between(-2, 300).map(n -> (JsonNode) NODES.numberNode(n))),
                    Tuple.of(1, Arbitraries.of(bounds(schema)).map(n -> (JsonNode) NODES.numberNode(n))));
            case "boolean" -> Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b));
            default -> string(schema);
        };
    }

    private static Arbitrary<JsonNode> object(Schema<?> schema, int depth) {
        List<Arbitrary<Map.Entry<String, JsonNode>>> fields = new ArrayList<>();
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        properties.forEach((property, propertySchema) -> {
            int keep = required.contains(property) ? 19 : 2;
            fields.add(Arbitraries.frequencyOf(
                    Tuple.of(keep, value(property, propertySchema, depth + 1).map(v -> Map.entry(property, v))),
                    Tuple.of(1, Arbitraries.just(Map.<String, JsonNode>entry("", NODES.nullNode())))));
        });
        fields.add(Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.just(Map.<String, JsonNode>entry("", NODES.nullNode()))),
                Tuple.of(1, Arbitraries.of("unknownField", "__proto__", "id", "status", "assignee", "version")
                        .map(extra -> Map.<String, JsonNode>entry(extra, NODES.textNode("x"))))));
        return Combinators.combine(fields).as(entries -> {
            ObjectNode object = NODES.objectNode();
            entries.stream().filter(e -> !e.getKey().isEmpty()).forEach(e -> object.set(e.getKey(), e.getValue()));
            return object;
        });
    }

    private static Arbitrary<JsonNode> string(Schema<?> schema) {
        Instant now = Instant.now();
        if ("date-time".equals(schema.getFormat())) {
            return Arbitraries.of(now.minusSeconds(3600).toString(), now.toString(), now.minusSeconds(86400 * 3).toString(),
                    now.plusSeconds(86400).toString(), "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                    "0000-01-01T00:00:00Z", "2026-13-45T25:61:61Z", "yesterday", "2026-12-03")
                    .map(s -> (JsonNode) NODES.textNode(s));
        }
        if ("date".equals(schema.getFormat())) {
            return Arbitraries.of("1970-01-01", "1879-12-31", "0001-01-01", "-0001-01-01", "2999-01-01", "1999-02-30",
                    "today").map(s -> (JsonNode) NODES.textNode(s));
        }
        int max = schema.getMaxLength() == null ? 64 : schema.getMaxLength();
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(Math.min(max, 40))),
                Tuple.of(1, Arbitraries.of(max - 1, max, max + 1).filter(n -> n >= 0).map("é"::repeat)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(30)))
                .map(s -> (JsonNode) NODES.textNode(s));
    }

    /** Values the fixture makes meaningful, chosen by the field's name. */
    private static Arbitrary<JsonNode> known(String name) {
        String n = name.toLowerCase();
        if (n.equals("outageid")) {
            return ids(fixture.outageIds());
        }
        if (n.equals("ids") || n.equals("itemid") || n.equals("itemids") || n.equals("afterid")) {
            return ids(fixture.itemIds());
        }
        if (n.equals("site") || n.equals("sites")) {
            return texts(fixture.site(), fixture.otherSite(), "NOWHERE", "lower", "");
        }
        if (n.equals("targetsystem") || n.equals("targetsystems") || n.equals("systems") || n.equals("system")) {
            return texts("EMAR", "LIMS", "PAS", "emar", "");
        }
        if (n.equals("nhsnumber")) {
            return texts(NHS_NUMBER, "943 476 5919", "943-476-5919", "9434765918", "0000000000", "12345");
        }
        if (n.equals("username") || n.equals("assignee") || n.equals("user")) {
            List<String> names = new ArrayList<>(fixture.usernames());
            names.add("nobody-" + "x".repeat(60));
            return Arbitraries.of(names).map(s -> (JsonNode) NODES.textNode(s));
        }
        return null;
    }

    private static Arbitrary<JsonNode> ids(List<Long> ids) {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(ids).map(id -> (JsonNode) NODES.numberNode(id))),
                Tuple.of(1, Arbitraries.of(0L, -1L, Long.MAX_VALUE).map(id -> (JsonNode) NODES.numberNode(id))));
    }

    private static Arbitrary<JsonNode> texts(String... values) {
        return Arbitraries.of(values).map(s -> (JsonNode) NODES.textNode(s));
    }

    private static Arbitrary<JsonNode> junkNode() {
        return Arbitraries.oneOf(
                node(NODES.nullNode()),
                Arbitraries.of("", " ", "x".repeat(70_000), "\u0000", "a\u0007b", "\u202Eevil", "<script>", "' OR 1=1 --",
                        "9".repeat(40), "NaN", "\uD83D\uDE00".repeat(200)).map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE + 1L)
                        .map(n -> (JsonNode) NODES.numberNode(n)),
                node(NODES.numberNode(new BigInteger("1" + "0".repeat(40)))),
                Arbitraries.of(1.5, -0.0, 1e308).map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                node(NODES.arrayNode()), node(NODES.objectNode()),
                node(NODES.arrayNode().add(NODES.objectNode()).add(1)));
    }

    private static Arbitrary<String> junkText() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "-1", "0", "abc", "true", "null", "\u0000", "9".repeat(30), "%", "a&b=c", "'", "\"",
                        "-loggedAt,id", "+id", "--id", "x".repeat(3000)),
                Arbitraries.strings().all().ofMaxLength(20));
    }

    private static Arbitrary<JsonNode> node(JsonNode node) {
        return Arbitraries.just(node);
    }

    private static List<Long> bounds(Schema<?> schema) {
        List<Long> bounds = new ArrayList<>(List.of(0L, -1L, Long.MAX_VALUE, (long) Integer.MAX_VALUE));
        if (schema.getMinimum() != null) {
            bounds.add(schema.getMinimum().longValue() - 1);
        }
        if (schema.getMaximum() != null) {
            bounds.add(schema.getMaximum().longValue() + 1);
            bounds.add(schema.getMaximum().longValue());
        }
        return bounds;
    }

    private static String asText(JsonNode node) {
        return node.isValueNode() ? node.asText() : Api.write(node);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- set-up ----

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static void signIn(String caller) throws InterruptedException {
        Api.User user = fixture.users().get(caller);
        for (int attempt = 0; attempt < 40; attempt++) {
            // the fuzzer's own wrong passwords may have this name throttled for a moment
            Api.Response answer = api.post("/api/auth/login", null,
                    Map.of("username", user.username(), "password", user.password()));
            if (answer.status() == 200) {
                fixture.authorizations().put(caller, "Bearer " + answer.body().get("access_token").asText());
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("could not sign " + caller + " in again");
    }

    private static Endpoint endpoint(String path, PathItem.HttpMethod method, Operation operation) {
        Schema<?> body = null;
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().get("application/json") != null) {
            body = operation.getRequestBody().getContent().get("application/json").getSchema();
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        return new Endpoint(method.name(), path, parameters, body);
    }

    private static Fixture fixture(Api api) {
        String site = Api.site();
        String otherSite = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User otherLead = api.createUser("TEAM_LEAD", otherSite);
        Api.User clerk = api.createUser("CLERK", site);
        Api.User auditor = api.createUser("AUDITOR", site);
        Api.User admin = api.createUser("ADMIN", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR", "LIMS").get("id").asLong();
        long otherOutageId = api.createOutage(otherLead.token(), new String[]{otherSite}, "EMAR").get("id").asLong();
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode item = Api.item(outageId, site);
            item.put("targetSystem", i % 2 == 0 ? "EMAR" : "LIMS");
            if (i == 0) {
                item.put("category", "MEDICATION_ADMINISTRATION");
                item.put("highRisk", true);
            }
            items.add(api.logItem(clerk.token(), item).get("id").asLong());
        }
        items.add(api.logItem(otherLead.token(), Api.item(otherOutageId, otherSite)).get("id").asLong());
        api.post("/api/outages/" + outageId + "/systems/EMAR/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(60).toString()));
        List<Long> victims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            victims.add(api.createUser("CLERK", site).id());
        }
        victims.add(otherLead.id());

        Map<String, String> authorizations = new ConcurrentHashMap<>();
        authorizations.put("clerk", "Bearer " + clerk.token());
        authorizations.put("lead", "Bearer " + lead.token());
        authorizations.put("auditor", "Bearer " + auditor.token());
        authorizations.put("admin", "Bearer " + admin.token());
        authorizations.put("forged-admin", "Bearer " + reclaimed(clerk.token()));
        authorizations.put("garbage", "Bearer not.a.token");
        authorizations.put("basic", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes()));
        return new Fixture(site, otherSite, List.of(outageId, otherOutageId), items, victims,
                List.of(lead.username(), clerk.username(), auditor.username(), otherLead.username()),
                Map.of("clerk", clerk, "lead", lead, "auditor", auditor, "admin", admin), authorizations);
    }

    /** The clerk's token with its claims rewritten to say ADMIN, and the original signature kept. */
    private static String reclaimed(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"CLERK\"", "\"ADMIN\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }
}
