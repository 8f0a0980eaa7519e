package org.downtimebacklog.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The backlog as CSV for a spreadsheet: filtered like the list, patients masked unless revealed with a reason. */
@MicronautTest(transactional = false)
class ItemExportTest extends ApiTest {

    private static final String NHS = "943 476 5919";

    @Test
    void anExportIsMaskedScopedFilteredSafeInASpreadsheetAndAudited() throws IOException {
        StaffedOutage here = StaffedOutage.open(api, "EMAR", "LIMS");
        StaffedOutage there = StaffedOutage.open(api, "EMAR");
        here.log(b -> b.put("summary", "=HYPERLINK(\"http://evil.example\",\"click\")"));
        here.log(b -> b.put("targetSystem", "LIMS").put("summary", "@SUM(A1:A9)"));
        there.log(b -> b.put("summary", "other site"));

        Api.Response r = api.get("/api/exports/items.csv?outageId=" + here.id(), here.lead().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).contains("attachment");
        String text = r.raw().body();
        assertThat(text).startsWith("\uFEFFreference,outageId,");
        List<CSVRecord> rows = parse(text);
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(row -> row.get("summary"))
                .containsExactly("'=HYPERLINK(\"http://evil.example\",\"click\")", "'@SUM(A1:A9)");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("patient")).isEqualTo("NHS *** *** 5919");
            assertThat(row.get("nhsNumber")).isEmpty();
            assertThat(row.get("site")).isEqualTo(here.site());
        });
        assertThat(text).doesNotContain("9434765919").doesNotContain(NHS).doesNotContain("other site");

        List<CSVRecord> lims = parse(api.get("/api/exports/items.csv?outageId=" + here.id() + "&targetSystem=LIMS",
                here.lead().token()).raw().body());
        assertThat(lims).extracting(row -> row.get("targetSystem")).containsExactly("LIMS");

        JsonNode event = api.lastAuditEvent(here.lead().username(), "ITEMS_EXPORTED");
        assertThat(event.get("changes").get("outageId").get("new").asLong()).isEqualTo(here.id());
    }

    @Test
    void revealingPatientsNeedsAReasonWhichIsAudited() throws IOException {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        outage.log(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", NHS).put("name", "Ann Example"));

        Api.Response refused = api.get("/api/exports/items.csv?outageId=" + outage.id() + "&reveal=true",
                outage.lead().token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("violations").get(0).get("field").asText()).isEqualTo("reason");

        String reason = "Governance review of the outage";
        Api.Response revealed = api.get("/api/exports/items.csv?outageId=" + outage.id() + "&reveal=true&reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8), outage.lead().token());
        CSVRecord row = parse(revealed.raw().body()).get(0);
        assertThat(row.get("nhsNumber")).isEqualTo("9434765919");
        assertThat(row.get("patientName")).isEqualTo("Ann Example");
        JsonNode event = api.lastAuditEvent(outage.lead().username(), "ITEMS_EXPORTED_WITH_PATIENTS");
        assertThat(event.get("reason").asText()).isEqualTo(reason);
    }

    @Test
    void onlyLeadsAuditorsAndAdministratorsExport() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        assertThat(api.get("/api/exports/items.csv", outage.clerk().token()).status()).isEqualTo(403);
        assertThat(api.get("/api/exports/items.csv", null).status()).isEqualTo(401);
        assertThat(api.get("/api/exports/items.csv?highRisk=maybe", outage.lead().token()).body()
                .get("violations").get(0).get("field").asText()).isEqualTo("highRisk");
        Api.User auditor = api.createUser("AUDITOR", outage.site());
        assertThat(api.get("/api/exports/items.csv", auditor.token()).status()).isEqualTo(200);
    }

    @Test
    void aLargeExportIsReadPageByPageWithEveryItemOnce() throws IOException {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        int count = ItemExportService.PAGE + 50;
        for (int i = 0; i < count; i++) {
            outage.log(b -> { });
        }
        List<CSVRecord> rows = parse(api.get("/api/exports/items.csv?outageId=" + outage.id(), outage.lead().token())
                .raw().body());
        assertThat(rows).hasSize(count);
        assertThat(rows.stream().map(row -> row.get("reference")).distinct()).hasSize(count);
    }

    private static List<CSVRecord> parse(String text) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.replace("\uFEFF", "")))) {
            return parser.getRecords();
        }
    }
}
