package org.downtimebacklog.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives the service over real HTTP, as any client would, and knows how to set up the usual fixtures
 * (users, outages, items) through the same public API.
 */
public final class Api {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public Api(URL serverUrl) {
        String url = serverUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Response send(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        boolean hasContentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            hasContentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !hasContentType) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return exchange(request);
    }

    /** Sends raw bytes (a part of an uploaded file, say) as application/octet-stream. */
    public Response sendBytes(String method, String path, String token, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/octet-stream")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request);
    }

    /** A file as downloaded: status, content type, Content-Disposition and the bytes as sent. */
    public record Download(int status, String contentType, String disposition, byte[] body) {
    }

    /** GETs a file (a PDF, say) as bytes. */
    public Download download(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Content-Disposition").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (!response.body().isEmpty() && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                json = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, Object body, String... headers) {
        return send("POST", path, token, body == null ? null : write(body), headers);
    }

    public Response patch(String path, String token, Object body, String... headers) {
        return send("PATCH", path, token, write(body), headers);
    }

    public static String write(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- fixtures through the public API ----

    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000L + "-" + SEQUENCE.incrementAndGet();
    }

    /**
     * Signs in. A 429 from the service's ceiling on sign-ins a second (a test making many users quickly) is waited out
     * as its Retry-After says, as a client would, a few times.
     */
    public JsonNode login(String username, String password) {
        Response r = post("/api/auth/login", null, Map.of("username", username, "password", password));
        for (int waits = 0; r.status() == 429 && waits < 10; waits++) {
            String retryAfter = r.header("Retry-After");
            try {
                Thread.sleep(1000L * (retryAfter == null ? 1 : Math.max(1, Long.parseLong(retryAfter))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting to sign in", e);
            }
            r = post("/api/auth/login", null, Map.of("username", username, "password", password));
        }
        if (r.status() != 200) {
            throw new AssertionError("login failed for " + username + ": " + r);
        }
        return r.body();
    }

    /** The newest audit event of this action by this user, as an administrator reads it; fails when there is none. */
    public JsonNode lastAuditEvent(String username, String action) {
        JsonNode found = null;
        for (JsonNode event : auditEvents(username, adminToken())) {
            if (event.get("action").asText().equals(action)) {
                found = event;
            }
        }
        if (found == null) {
            throw new AssertionError(action + " for " + username + " is not in the audit trail");
        }
        return found;
    }

    /**
     * Every audit event by this user, oldest first, as an administrator (signed in with {@code token}) reads them a
     * page at a time (reading is itself audited, so the trail grows as it is read: a short page is the end).
     */
    public java.util.List<JsonNode> auditEvents(String username, String token) {
        java.util.List<JsonNode> events = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = get("/api/audit?user=" + username + "&afterId=" + after + "&limit=500", token).body();
            page.forEach(events::add);
            if (page.size() < 500) {
                return events;
            }
            after = page.get(page.size() - 1).get("id").asLong();
        }
    }

    public String adminToken() {
        return login("admin", ADMIN_PASSWORD).get("access_token").asText();
    }

    /** A user signed in; returns their access token. */
    public record User(long id, String username, String password, String token) {
    }

    public User createUser(String role, String... sites) {
        return createUser(new String[]{role}, sites, new String[]{"EHR", "EMAR", "LIMS"});
    }

    public User createUser(String[] roles, String[] sites, String[] targetSystems) {
        String username = unique("user").toLowerCase();
        String password = "correct-horse-" + UUID.randomUUID();
        Response r = post("/api/users", adminToken(), Map.of("username", username, "displayName", "Test " + username,
                "password", password, "roles", roles, "sites", sites, "targetSystems", targetSystems));
        if (r.status() != 201) {
            throw new AssertionError("could not create user: " + r);
        }
        String token = login(username, password).get("access_token").asText();
        return new User(r.body().get("id").asLong(), username, password, token);
    }

    public static String site() {
        return ("S" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L)).toUpperCase();
    }

    /** An outage that began 6 hours ago. */
    public JsonNode createOutage(String token, String[] sites, String... systems) {
        return createOutage(token, Duration.ofHours(6), sites, systems);
    }

    public JsonNode createOutage(String token, Duration startedAgo, String[] sites, String... systems) {
        Response r = post("/api/outages", token, Map.of("title", "Outage " + unique("o"), "sites", sites,
                "systems", systems, "startedAt", Instant.now().minus(startedAgo).toString()));
        if (r.status() != 201) {
            throw new AssertionError("could not create outage: " + r);
        }
        return r.body();
    }

    /** A valid item body for the outage and site; change fields on the returned node as a test needs. */
    public static ObjectNode item(long outageId, String site) {
        ObjectNode item = JSON.createObjectNode();
        item.put("outageId", outageId);
        item.put("site", site);
        item.put("ward", "Ward 7");
        item.put("category", "MEDICATION_ADMINISTRATION");
        item.put("targetSystem", "EMAR");
        ObjectNode patient = item.putObject("patient");
        patient.put("nhsNumber", "943 476 5919");
        patient.put("name", "Jane Example");
        patient.put("dateOfBirth", "1950-03-02");
        item.put("occurredAt", Instant.now().minus(Duration.ofHours(2)).toString());
        item.put("recordedBy", "Staff Nurse Able");
        item.put("paperReference", unique("sheet"));
        item.put("summary", "Paracetamol 1 g oral");
        item.put("highRisk", false);
        item.put("patientStatus", "INPATIENT");
        return item;
    }

    public Response createItem(String token, Object body) {
        return post("/api/items", token, body, "Idempotency-Key", UUID.randomUUID().toString());
    }

    /** Logs an item that must be accepted (201); the item as answered. */
    public JsonNode logItem(String token, Object body) {
        Response r = createItem(token, body);
        if (r.status() != 201) {
            throw new AssertionError("could not log the item: " + r);
        }
        return r.body();
    }
}
