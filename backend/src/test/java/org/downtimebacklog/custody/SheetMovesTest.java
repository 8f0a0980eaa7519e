package org.downtimebacklog.custody;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.downtimebacklog.custody.SheetCaptureTest.itemOn;
import static org.downtimebacklog.custody.SheetCaptureTest.pack;

/** Team leads move sheets through their lifecycle; every move is checked and audited. */
@MicronautTest(transactional = false)
class SheetMovesTest extends ApiTest {

    private String site;
    private Api.User lead;
    private long outageId;

    private List<String> sheets(int count) {
        site = site == null ? Api.site() : site;
        if (lead == null) {
            lead = api.createUser("TEAM_LEAD", site);
            outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        }
        return pack(api, lead.token(), site, "Ward 7", count, outageId);
    }

    private Api.Response move(String sheet, String move, Object body) {
        return api.post("/api/sheets/" + sheet + "/" + move, lead.token(), body);
    }

    private JsonNode moved(String sheet, String move, Object body) {
        Api.Response r = move(sheet, move, body);
        assertThat(r.status()).as(move + ": " + r).isEqualTo(200);
        return r.body();
    }

    @Test
    void completeDeclaresTheEntriesAndAMismatchIsFlagged() {
        String sheet = sheets(1).get(0);
        api.logItem(lead.token(), itemOn(outageId, site, sheet));
        api.logItem(lead.token(), itemOn(outageId, site, sheet));

        JsonNode complete = moved(sheet, "complete", Map.of("declaredEntries", 3));
        assertThat(complete.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(complete.get("declaredEntries").asInt()).isEqualTo(3);
        assertThat(complete.get("loggedEntries").asLong()).isEqualTo(2);
        assertThat(complete.get("mismatch").asBoolean()).isTrue();
        JsonNode event = api.lastAuditEvent(lead.username(), "SHEET_COMPLETED");
        assertThat(event.toString()).contains(sheet, "IN_USE", "COMPLETE", "declaredEntries");

        JsonNode reconciliation = api.get("/api/outages/" + outageId + "/sheets", lead.token()).body();
        assertThat(reconciliation.get("mismatches")).hasSize(1);
        JsonNode mismatch = reconciliation.get("mismatches").get(0);
        assertThat(mismatch.get("sheetId").asText()).isEqualTo(sheet);
        assertThat(mismatch.get("ward").asText()).isEqualTo("Ward 7");
        assertThat(mismatch.get("declaredEntries").asInt()).isEqualTo(3);
        assertThat(mismatch.get("loggedEntries").asLong()).isEqualTo(2);
        assertThat(reconciliation.get("accountedFor").asBoolean()).isFalse();

        api.logItem(lead.token(), itemOn(outageId, site, sheet));
        JsonNode after = api.get("/api/sheets/" + sheet, lead.token()).body();
        assertThat(after.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(after.get("mismatch").asBoolean()).isFalse();
        reconciliation = api.get("/api/outages/" + outageId + "/sheets", lead.token()).body();
        assertThat(reconciliation.get("mismatches")).isEmpty();
        assertThat(reconciliation.get("accountedFor").asBoolean()).isTrue();
    }

    @Test
    void aSheetWithLinesLoggedFromItCannotBeVoidedSoAMismatchCannotBeHidden() {
        List<String> s = sheets(2);
        api.logItem(lead.token(), itemOn(outageId, site, s.get(0)));
        moved(s.get(0), "complete", Map.of("declaredEntries", 3));
        api.logItem(lead.token(), itemOn(outageId, site, s.get(1)));

        // complete with two lines not logged, or still in use: voiding would take it out of the reconciliation
        for (String sheet : s) {
            JsonNode before = api.get("/api/sheets/" + sheet, lead.token()).body();
            Api.Response voided = move(sheet, "void", Map.of("reason", "spoilt"));
            assertThat(voided.status()).as(voided.toString()).isEqualTo(409);
            assertThat(voided.contentType()).startsWith("application/problem+json");
            assertThat(voided.body().get("loggedEntries").asLong()).isEqualTo(1);
            JsonNode after = api.get("/api/sheets/" + sheet, lead.token()).body();
            assertThat(after.get("status").asText()).isEqualTo(before.get("status").asText());
            assertThat(after.get("version").asLong()).isEqualTo(before.get("version").asLong());
        }
        JsonNode reconciliation = api.get("/api/outages/" + outageId + "/sheets", lead.token()).body();
        assertThat(reconciliation.get("mismatches")).hasSize(1);
        assertThat(reconciliation.get("accountedFor").asBoolean()).isFalse();
    }

    @Test
    void aDuplicateItemIsNotCountedAmongTheEntriesLogged() {
        String sheet = sheets(1).get(0);
        long original = api.logItem(lead.token(), itemOn(outageId, site, sheet)).get("id").asLong();
        Api.Response repeat = api.createItem(lead.token(), itemOn(outageId, site, sheet));
        Api.Response duplicate = api.post("/api/items/" + repeat.body().get("id").asLong() + "/transitions",
                lead.token(), Map.of("to", "DUPLICATE", "duplicateOf", original), "If-Match", repeat.header("ETag"));
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(200);

        JsonNode complete = moved(sheet, "complete", Map.of("declaredEntries", 1));
        assertThat(complete.get("loggedEntries").asLong()).isEqualTo(1);
        assertThat(complete.get("mismatch").asBoolean()).isFalse();
    }

    @Test
    void everyMoveOfTheLifecycleIsMadeAndAudited() {
        List<String> s = sheets(5);
        JsonNode returned = moved(s.get(0), "return-unused", Map.of());
        assertThat(returned.get("status").asText()).isEqualTo("RETURNED_UNUSED");
        assertThat(api.lastAuditEvent(lead.username(), "SHEET_RETURNED_UNUSED").toString()).contains(s.get(0));
        JsonNode voidedAfterReturn = moved(s.get(0), "void", Map.of("reason", "reprinted"));
        assertThat(voidedAfterReturn.get("status").asText()).isEqualTo("VOIDED");
        assertThat(voidedAfterReturn.get("reason").asText()).isEqualTo("reprinted");
        JsonNode voided = api.lastAuditEvent(lead.username(), "SHEET_VOIDED");
        assertThat(voided.get("reason").asText()).isEqualTo("reprinted");

        JsonNode missing = moved(s.get(1), "missing", Map.of("reason", "  not in the box  "));
        assertThat(missing.get("status").asText()).isEqualTo("MISSING");
        assertThat(missing.get("reason").asText()).isEqualTo("not in the box");
        assertThat(api.lastAuditEvent(lead.username(), "SHEET_MISSING").get("reason").asText())
                .isEqualTo("not in the box");
        JsonNode foundUnused = moved(s.get(1), "found", Map.of());
        assertThat(foundUnused.get("status").asText()).isEqualTo("ISSUED");
        assertThat(foundUnused.get("reason").isNull()).isTrue();
        assertThat(api.lastAuditEvent(lead.username(), "SHEET_FOUND").toString()).contains(s.get(1));

        api.logItem(lead.token(), itemOn(outageId, site, s.get(2)));
        moved(s.get(2), "missing", Map.of("reason", "left with the patient"));
        assertThat(moved(s.get(2), "found", Map.of()).get("status").asText()).isEqualTo("IN_USE");
        JsonNode recount = moved(moved(s.get(2), "complete", Map.of("declaredEntries", 4)).get("sheetId").asText(),
                "complete", Map.of("declaredEntries", 1));
        assertThat(recount.get("declaredEntries").asInt()).isEqualTo(1);
        assertThat(recount.get("mismatch").asBoolean()).isFalse();
        assertThat(move(s.get(2), "void", Map.of("reason", "entered twice on two sheets")).status()).isEqualTo(409);

        assertThat(moved(s.get(3), "complete", Map.of("declaredEntries", 0)).get("status").asText())
                .isEqualTo("COMPLETE");
        long version = api.get("/api/sheets/" + s.get(4), lead.token()).body().get("version").asLong();
        assertThat(moved(s.get(4), "void", Map.of("reason", "printed by mistake")).get("version").asLong())
                .isEqualTo(version + 1);
    }

    @Test
    void aMoveItsStatusDoesNotAllowIsAConflictAndChangesNothing() {
        List<String> s = sheets(2);
        api.logItem(lead.token(), itemOn(outageId, site, s.get(0)));
        for (Map.Entry<String, Object> wrong : List.<Map.Entry<String, Object>>of(
                Map.entry("return-unused", Map.of()), Map.entry("found", Map.of()))) {
            Api.Response r = move(s.get(0), wrong.getKey(), wrong.getValue());
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().get("currentStatus").asText()).isEqualTo("IN_USE");
        }
        moved(s.get(1), "void", Map.of("reason", "spoilt"));
        Api.Response again = move(s.get(1), "complete", Map.of("declaredEntries", 1));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(api.get("/api/sheets/" + s.get(0), lead.token()).body().get("status").asText()).isEqualTo("IN_USE");
        assertThat(api.get("/api/sheets/" + s.get(1), lead.token()).body().get("status").asText()).isEqualTo("VOIDED");
    }

    @Test
    void reasonsAndCountsAreRequiredAndChecked() {
        String sheet = sheets(1).get(0);
        for (String move : List.of("missing", "void")) {
            for (Object body : List.of(Map.of(), Map.of("reason", "   "), Map.of("reason", "x".repeat(501)))) {
                Api.Response r = move(sheet, move, body);
                assertThat(r.status()).as(move + " " + r).isIn(400, 422);
                assertThat(r.body().get("violations").findValuesAsText("field")).as(r.toString()).contains("reason");
            }
        }
        for (Object body : List.of(Map.of(), Map.of("declaredEntries", -1), Map.of("declaredEntries", 1001))) {
            Api.Response r = move(sheet, "complete", body);
            assertThat(r.status()).as(r.toString()).isIn(400, 422);
            assertThat(r.body().get("violations").findValuesAsText("field")).as(r.toString())
                    .contains("declaredEntries");
        }
        Api.Response badJson = move(sheet, "complete", Map.of("declaredEntries", "many"));
        assertThat(badJson.status()).as(badJson.toString()).isEqualTo(400);
        Api.Response mistyped = move(SheetCaptureTest.mistyped(sheet), "void", Map.of("reason", "spoilt"));
        assertThat(mistyped.status()).as(mistyped.toString()).isEqualTo(422);
        assertThat(mistyped.body().get("violations").findValuesAsText("field")).containsExactly("sheetId");
        assertThat(api.get("/api/sheets/" + sheet, lead.token()).body().get("status").asText()).isEqualTo("ISSUED");
    }

    @Test
    void onlyLeadsOfTheSheetsSiteMoveIt() {
        String sheet = sheets(1).get(0);
        Api.User clerk = api.createUser("CLERK", site);
        Api.Response byClerk = api.post("/api/sheets/" + sheet + "/void", clerk.token(), Map.of("reason", "spoilt"));
        assertThat(byClerk.status()).as(byClerk.toString()).isEqualTo(403);

        Api.User otherLead = api.createUser("TEAM_LEAD", Api.site());
        Api.Response byOther = api.post("/api/sheets/" + sheet + "/void", otherLead.token(), Map.of("reason", "spoilt"));
        assertThat(byOther.status()).as(byOther.toString()).isEqualTo(404);
        assertThat(api.get("/api/sheets/" + sheet, otherLead.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/sheets/" + sheet, lead.token()).body().get("status").asText()).isEqualTo("ISSUED");
    }
}
