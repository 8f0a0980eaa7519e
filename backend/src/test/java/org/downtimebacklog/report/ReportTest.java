package org.downtimebacklog.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The recovery report of an outage whose every figure is known ({@link RecoveryOutage}), as JSON and as a PDF. */
@MicronautTest(transactional = false)
class ReportTest extends ApiTest {

    @Test
    void theReportCountsTheOutageAsItWas() {
        RecoveryOutage o = RecoveryOutage.build(api);
        Api.Response r = api.get("/api/outages/" + o.id() + "/report", o.lead().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode report = r.body();

        assertThat(report.at("/outage/reference").asText()).startsWith("OUT-");
        List<String> timeline = new ArrayList<>();
        report.get("timeline").forEach(e -> timeline.add(e.get("event").asText()
                + (e.get("system").isNull() ? "" : " " + e.get("system").asText())));
        assertThat(timeline).containsExactly("STARTED", "RECOVERED EMAR", "RECOVERED EHR");

        JsonNode counts = report.get("counts");
        assertThat(counts.get("total").asLong()).isEqualTo(6);
        assertThat(counts.get("open").asLong()).isEqualTo(2);
        assertThat(counts.get("closed").asLong()).isEqualTo(4);
        assertThat(Api.JSON.convertValue(counts.get("byStatus"), Map.class)).isEqualTo(Map.of(
                "VERIFIED", 1, "ENTERED", 2, "NOT_REQUIRED", 1, "DUPLICATE", 1, "ON_HOLD", 1));
        assertThat(Api.JSON.convertValue(counts.get("byCategory"), Map.class)).isEqualTo(Map.of(
                "MEDICATION_ADMINISTRATION", 4, "OBSERVATIONS", 2));
        assertThat(Api.JSON.convertValue(counts.get("byWard"), Map.class)).isEqualTo(Map.of("Ward 7", 4, "Ward 8", 2));
        assertThat(Api.JSON.convertValue(counts.get("bySystem"), Map.class)).isEqualTo(Map.of("EMAR", 4, "EHR", 2));

        JsonNode throughput = report.get("throughput");
        long logged = 0;
        long entered = 0;
        long closed = 0;
        for (JsonNode hour : throughput.get("hours")) {
            logged += hour.get("logged").asLong();
            entered += hour.get("entered").asLong();
            closed += hour.get("closed").asLong();
        }
        assertThat(List.of(logged, entered, closed)).containsExactly(6L, 3L, 4L);
        assertThat(throughput.get("cleared").asBoolean()).isFalse();
        assertThat(throughput.get("timeToClearMinutes").isNull()).isTrue();
        assertThat(throughput.get("firstRecoveryAt").isNull()).isFalse();

        // every item entered the queue when its system recovered, and none has waited past its band's target
        JsonNode dueBands = report.at("/dueTimes/bands");
        List<String> bands = new ArrayList<>();
        long due = 0;
        long breached = 0;
        for (JsonNode band : dueBands) {
            bands.add(band.get("band").asText());
            due += band.get("due").asLong();
            breached += band.get("breached").asLong();
        }
        assertThat(bands).containsExactly("P1", "P2", "P3", "P4");
        assertThat(List.of(due, breached)).containsExactly(6L, 0L);

        JsonNode exceptions = report.get("exceptions");
        assertThat(exceptions.get("notRequired")).hasSize(1);
        assertThat(exceptions.at("/notRequired/0/reason").asText()).isEqualTo("Interface replayed");
        assertThat(exceptions.at("/notRequired/0/count").asLong()).isEqualTo(1);
        assertThat(exceptions.at("/duplicates/0/item").asText()).isEqualTo(o.ref(4));
        assertThat(exceptions.at("/duplicates/0/duplicateOf").asText()).isEqualTo(o.ref(1));
        assertThat(exceptions.get("everHeld").asLong()).isEqualTo(1);
        assertThat(exceptions.at("/onHold/0/ref").asText()).isEqualTo(o.ref(5));
        assertThat(exceptions.at("/onHold/0/statusReason").asText()).isEqualTo("Query to ward");
        List<String> open = new ArrayList<>();
        exceptions.get("open").forEach(i -> open.add(i.get("ref").asText() + " " + i.get("status").asText()));
        assertThat(open).containsExactly(o.ref(5) + " ON_HOLD", o.ref(6) + " ENTERED");

        JsonNode fourEyes = report.get("fourEyes");
        assertThat(fourEyes.get("verified").asLong()).isEqualTo(1);
        assertThat(fourEyes.get("distinctVerifiers").asLong()).isEqualTo(1);
        assertThat(fourEyes.get("distinctEnterers").asLong()).isEqualTo(1);
        assertThat(fourEyes.get("awaitingVerification").asLong()).isEqualTo(1);
        assertThat(fourEyes.get("verifiedByEnterer").asLong()).isZero();
        assertThat(fourEyes.get("selfVerificationRefused").asLong()).isEqualTo(1);

        assertThat(report.get("signOff").isNull()).isTrue();
        assertThat(report.at("/retention/purgeFrom").isNull()).isTrue();
        // the report names no patient
        assertThat(r.raw().body()).doesNotContain("Jane Example").doesNotContain("9434765919")
                .doesNotContain("Paracetamol");
        assertThat(api.lastAuditEvent(o.lead().username(), "REPORT_VIEWED").get("entityId").asLong()).isEqualTo(o.id());
    }

    @Test
    void thePdfHoldsEverySectionAndTheSignOff() throws IOException {
        RecoveryOutage o = RecoveryOutage.build(api);
        o.close();
        Api.Response signed = api.post("/api/outages/" + o.id() + "/sign-off", o.lead().token(), Map.of(
                "statement", "Backlog reconciled with the ward managers",
                "exceptions", List.of(Map.of("ref", o.ref(5), "reason", "Ward query outstanding"),
                        Map.of("ref", o.ref(6), "reason", "Pharmacist checks on Monday"))));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);

        Api.Download pdf = api.download("/api/outages/" + o.id() + "/report.pdf", o.lead().token());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.disposition()).contains("recovery-report-OUT-");
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("Recovery report: OUT-", "Timeline", "EMAR recovered", "Outage closed", "Signed off",
                "Counts", "Items: 6, closed 4, open 2", "By ward: Ward 7 4, Ward 8 2",
                "Throughput and time to clear", "Due times", "Band: due / met / breached (still waiting)", "Exceptions", "1 x Interface replayed", o.ref(4) + " of " + o.ref(1),
                "Items still open: 2", o.ref(5), "Four eyes", "Verified: 1 by 1 people",
                "Refused attempts to verify one's own entry: 1", "Sign-off", "Signed off by Test " + o.lead().username(),
                "Backlog reconciled with the ward managers", o.ref(5) + ": Ward query outstanding",
                o.ref(6) + ": Pharmacist checks on Monday");
        assertThat(text).doesNotContain("Jane Example");
        assertThat(api.lastAuditEvent(o.lead().username(), "REPORT_VIEWED").at("/changes/format/new").asText())
                .isEqualTo("pdf");
    }

    @Test
    void onlyLeadsAdministratorsAndAuditorsOfTheSiteReadIt() {
        RecoveryOutage o = RecoveryOutage.build(api);
        String path = "/api/outages/" + o.id() + "/report";
        Api.User auditor = api.createUser("AUDITOR", o.staffed().site());
        assertThat(api.get(path, auditor.token()).status()).isEqualTo(200);
        Api.Response clerk = api.get(path, o.staffed().clerk().token());
        assertThat(clerk.status()).isEqualTo(403);
        assertThat(clerk.contentType()).startsWith("application/problem+json");
        Api.User otherLead = api.createUser("TEAM_LEAD", Api.site());
        assertThat(api.get(path, otherLead.token()).status()).isEqualTo(404);
        assertThat(api.download(path + ".pdf", otherLead.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/outages/999999999/report", o.lead().token()).status()).isEqualTo(404);
    }
}
