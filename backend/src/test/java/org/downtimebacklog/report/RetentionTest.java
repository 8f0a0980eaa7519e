package org.downtimebacklog.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.Imports;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention with a period of seconds: patient details of the closed items of a signed-off outage are removed, the
 * items still open keep theirs until closed, and the report still renders with the same figures. The items' audit
 * events lose the patient values they held and keep everything else, and the audit trail's hash chain still verifies.
 */
@MicronautTest(transactional = false)
@Property(name = "backlog.retention.after", value = "2s")
@Property(name = "backlog.retention.sweep-interval", value = "300ms")
class RetentionTest extends ApiTest {

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSources;

    private final Instant started = Instant.now().minusSeconds(5);

    @Test
    void patientDetailsGoAndTheReportStays() throws IOException, InterruptedException {
        RecoveryOutage o = RecoveryOutage.build(api);
        o.close();
        assertThat(api.post("/api/outages/" + o.id() + "/sign-off", o.lead().token(), Map.of("exceptions", List.of(
                Map.of("ref", o.ref(5), "reason", "Ward query outstanding"),
                Map.of("ref", o.ref(6), "reason", "Pharmacist checks on Monday")))).status()).isEqualTo(201);
        JsonNode before = report(o);
        // not yet: the period has not run
        assertThat(item(o, 1).at("/patient/nhsNumber").asText()).isEqualTo("9434765919");

        JsonNode purged = waitFor(() -> item(o, 1), i -> i.at("/patient/nhsNumber").isNull());
        assertThat(purged.at("/patient/localId").isNull()).isTrue();
        assertThat(purged.at("/patient/name").isNull()).isTrue();
        assertThat(purged.at("/patient/dateOfBirth").isNull()).isTrue();
        assertThat(purged.get("details").isNull()).isTrue();
        assertThat(purged.get("summary").asText()).isEqualTo("(removed under retention)");
        // what it was and what happened to it stay
        assertThat(purged.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(purged.get("category").asText()).isEqualTo("MEDICATION_ADMINISTRATION");
        assertThat(purged.get("externalReference").asText()).isEqualTo("EMAR-1");
        for (int n = 1; n <= 4; n++) {
            assertThat(item(o, n).at("/patient/name").isNull()).as("item %d", n).isTrue();
        }
        // open items are kept until they close
        assertThat(item(o, 5).at("/patient/name").asText()).isEqualTo("Jane Example");
        assertThat(item(o, 6).at("/patient/name").asText()).isEqualTo("Jane Example");

        JsonNode after = report(o);
        assertThat(after.get("counts")).isEqualTo(before.get("counts"));
        assertThat(after.get("exceptions")).isEqualTo(before.get("exceptions"));
        assertThat(after.get("fourEyes")).isEqualTo(before.get("fourEyes"));
        assertThat(after.get("timeline")).isEqualTo(before.get("timeline"));
        assertThat(after.at("/signOff/exceptions")).isEqualTo(before.at("/signOff/exceptions"));
        assertThat(after.at("/retention/purgedItems").asLong()).isEqualTo(4);
        Api.Download pdf = api.download("/api/outages/" + o.id() + "/report.pdf", o.lead().token());
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Items: 6, closed 4, open 2",
                    "items purged so far: 4", o.ref(6) + ": Pharmacist checks on Monday");
        }

        // the run is recorded once for the outage, by the system, with its counts; later runs find nothing to do
        List<JsonNode> runs = waitFor(() -> purgeEvents(o), events -> !events.isEmpty());
        Thread.sleep(1000);
        runs = purgeEvents(o);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).at("/changes/items/new").asInt()).isEqualTo(4);

        // an item closed after the period is purged at the next run
        o.move(o.items().get(4), o.lead(), Map.of("to", "NOT_REQUIRED", "reason", "Ward answered"), 200);
        waitFor(() -> item(o, 5), i -> i.at("/patient/name").isNull());
        assertThat(waitFor(() -> purgeEvents(o), events -> events.size() == 2)).hasSize(2);
    }

    @Test
    void theAuditEventsOfAPurgedItemLoseTheirPatientValuesAndTheChainStillVerifies() throws Exception {
        StaffedOutage o = StaffedOutage.open(api, "EMAR");
        long itemId = o.log(b -> {
            b.with("patient").put("name", "Ada Lovelace-Retained");
            b.put("details", "Given by Ada's daughter");
        }).get("id").asLong();
        String path = "/api/items/" + itemId;
        assertThat(api.patch(path, o.clerk().token(), Map.of("ward", "Ward 8", "summary", "Ibuprofen 400 mg oral",
                "patient", Map.of("nhsNumber", "943 476 5919", "name", "Ada Byron-Retained"),
                "reason", "name misread"), "If-Match", "\"1\"").status()).isEqualTo(200);
        String admin = api.adminToken();

        // while kept, the trail shows the patient's values
        JsonNode held = api.get("/api/audit?itemId=" + itemId, admin).body();
        JsonNode created = event(held, "ITEM_CREATED");
        assertThat(created.at("/changes/patient.nhsNumber/new").asText()).isEqualTo("9434765919");
        assertThat(created.at("/changes/patient.name/new").asText()).isEqualTo("Ada Lovelace-Retained");
        assertThat(created.at("/changes/summary/new").asText()).isEqualTo("Paracetamol 1 g oral");
        assertThat(created.at("/changes/ward/new").asText()).isEqualTo("Ward 7");
        assertThat(created.get("redacted").asBoolean()).isFalse();
        JsonNode corrected = event(held, "ITEM_UPDATED");
        assertThat(corrected.at("/changes/patient.name/old").asText()).isEqualTo("Ada Lovelace-Retained");
        assertThat(corrected.at("/changes/patient.name/new").asText()).isEqualTo("Ada Byron-Retained");
        assertThat(corrected.at("/changes/summary/new").asText()).isEqualTo("Ibuprofen 400 mg oral");
        assertThat(api.get(path + "/history", o.lead().token()).raw().body()).contains("Ada Byron-Retained");

        o.recover("EMAR");
        String etag = api.get(path, o.lead().token()).header("ETag");
        assertThat(api.post(path + "/transitions", o.lead().token(), Map.of("to", "NOT_REQUIRED", "reason", "Scanned"),
                "If-Match", etag).status()).isEqualTo(200);
        assertThat(api.post("/api/outages/" + o.id() + "/close", o.lead().token(), null).status()).isEqualTo(200);
        assertThat(api.post("/api/outages/" + o.id() + "/sign-off", o.lead().token(), Map.of()).status()).isEqualTo(201);
        JsonNode run = waitFor(() -> purgeEvents(o.id()), events -> !events.isEmpty()).get(0);
        assertThat(run.at("/changes/items/new").asInt()).isEqualTo(1);
        assertThat(run.at("/changes/auditEvents/new").asInt()).isEqualTo(2);

        // the events stay, with their other changes; the patient's values are gone, through the API and in the table
        Api.Response trail = api.get("/api/audit?itemId=" + itemId, admin);
        assertThat(trail.raw().body()).doesNotContain("9434765919", "943 476 5919", "Lovelace", "Byron", "Paracetamol",
                "Ibuprofen", "1950-03-02", "daughter");
        assertThat(api.get(path + "/history", o.lead().token()).raw().body()).doesNotContain("9434765919", "Byron");
        created = event(trail.body(), "ITEM_CREATED");
        assertThat(created.get("redacted").asBoolean()).isTrue();
        assertThat(created.at("/changes/patient.nhsNumber/new").asText()).isEqualTo("(removed under retention)");
        assertThat(created.at("/changes/patient.nhsNumber/old").isNull()).isTrue();
        assertThat(created.at("/changes/ward/new").asText()).isEqualTo("Ward 7");
        assertThat(created.at("/changes/recordedBy/new").asText()).isEqualTo("Staff Nurse Able");
        corrected = event(trail.body(), "ITEM_UPDATED");
        assertThat(corrected.get("redacted").asBoolean()).isTrue();
        assertThat(corrected.at("/changes/patient.name/old").asText()).isEqualTo("(removed under retention)");
        assertThat(corrected.at("/changes/ward/new").asText()).isEqualTo("Ward 8");
        assertThat(corrected.get("reason").asText()).isEqualTo("name misread");
        try (Connection connection = dataSources.resolve(dataSource).getConnection();
             PreparedStatement sql = connection.prepareStatement("SELECT * FROM audit_event WHERE item_id = ?")) {
            sql.setLong(1, itemId);
            try (ResultSet rows = sql.executeQuery()) {
                int events = 0;
                while (rows.next()) {
                    events++;
                    for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                        assertThat(String.valueOf(rows.getString(c))).as(rows.getMetaData().getColumnName(c))
                                .doesNotContain("9434765919", "Lovelace", "Byron", "Paracetamol", "daughter");
                    }
                }
                assertThat(events).isGreaterThanOrEqualTo(3);
            }
        }
        JsonNode verified = waitFor(() -> api.get("/api/audit/verify", admin).body(),
                v -> !v.get("intact").asBoolean() || v.get("unsealed").asLong() <= 1);
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
    }

    private static JsonNode event(JsonNode events, String action) {
        for (JsonNode e : events) {
            if (e.get("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " in " + events);
    }

    @Test
    void refusedImportRowsLoseTheirCellsAndKeepTheirReason() throws Exception {
        StaffedOutage o = StaffedOutage.open(api, "EMAR");
        String at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String csv = String.join("\r\n",
                "NHS No,Ward,Time given,Given by,Medication,High risk,Status,Category,Site,System,DOB",
                "943 476 5919,Ward 7," + at + ",Nurse A,Paracetamol 1 g,no,INPATIENT,MEDICATION_ADMINISTRATION,"
                        + o.site() + ",EMAR,02/03/1950",
                "485 777 3456,Ward 7," + at + ",Nurse D,Check digit wrong,no,INPATIENT,ORDER," + o.site() + ",EMAR,",
                "");
        JsonNode uploaded = Imports.upload(api, o.lead().token(), o.id(), "ward.csv", csv.getBytes(StandardCharsets.UTF_8));
        long importId = uploaded.get("id").asLong();
        Imports.start(api, o.lead().token(), importId,
                Map.of("columns", uploaded.get("suggestedMapping").get("columns"), "values", Map.of()));
        JsonNode done = Imports.awaitEnd(api, o.lead().token(), importId, Duration.ofSeconds(60));
        assertThat(done.get("rowsRefused").asInt()).as(done.toString()).isEqualTo(1);
        String refusedPath = "/api/imports/" + importId + "/refused.csv";
        assertThat(api.get(refusedPath, o.lead().token()).raw().body()).contains("485 777 3456");

        o.recover("EMAR");
        long itemId = api.get("/api/items?outageId=" + o.id(), o.lead().token()).body().at("/items/0/id").asLong();
        String etag = api.get("/api/items/" + itemId, o.lead().token()).header("ETag");
        assertThat(api.post("/api/items/" + itemId + "/transitions", o.lead().token(),
                Map.of("to", "NOT_REQUIRED", "reason", "Scanned"), "If-Match", etag).status()).isEqualTo(200);
        assertThat(api.post("/api/outages/" + o.id() + "/close", o.lead().token(), null).status()).isEqualTo(200);
        assertThat(api.post("/api/outages/" + o.id() + "/sign-off", o.lead().token(), Map.of()).status()).isEqualTo(201);

        String refused = waitFor(() -> api.get(refusedPath, o.lead().token()).raw().body(),
                body -> !body.contains("485 777 3456"));
        assertThat(refused).doesNotContain("Check digit wrong").contains("check digit");
        JsonNode run = waitFor(() -> purgeEvents(o.id()), events -> !events.isEmpty()).get(0);
        assertThat(run.at("/changes/items/new").asInt()).isEqualTo(1);
        assertThat(run.at("/changes/refusedImportRows/new").asInt()).isEqualTo(1);
    }

    private List<JsonNode> purgeEvents(RecoveryOutage o) {
        return purgeEvents(o.id());
    }

    private List<JsonNode> purgeEvents(long outageId) {
        // the system's events since this test began, a page at a time
        String admin = api.adminToken();
        List<JsonNode> events = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = api.get("/api/audit?user=system&from=" + started + "&afterId=" + after + "&limit=500", admin)
                    .body();
            page.forEach(events::add);
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).get("id").asLong();
        }
        return events.stream().filter(e -> e.get("action").asText().equals("RETENTION_PURGED") && e.get("entityId").asLong() == outageId)
                .toList();
    }

    private JsonNode report(RecoveryOutage o) {
        Api.Response r = api.get("/api/outages/" + o.id() + "/report", o.lead().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }

    private JsonNode item(RecoveryOutage o, int n) {
        return api.get("/api/items/" + o.itemId(n), o.lead().token()).body();
    }

    private static <T> T waitFor(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not reached in 20 s: " + value);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = read.get();
        }
        return value;
    }
}
