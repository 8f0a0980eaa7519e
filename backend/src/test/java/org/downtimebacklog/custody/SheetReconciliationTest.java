package org.downtimebacklog.custody;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.downtimebacklog.custody.SheetCaptureTest.itemOn;
import static org.downtimebacklog.custody.SheetCaptureTest.pack;

/** An outage's sheets counted back per ward, at the caller's sites. */
@MicronautTest(transactional = false)
class SheetReconciliationTest extends ApiTest {

    @Inject
    SheetReconciliationService reconciliation;

    private JsonNode sheetsOf(long outageId, String token) {
        Api.Response r = api.get("/api/outages/" + outageId + "/sheets", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }

    @Test
    void sheetsAreCountedPerWardAndTheOutageIsAccountedForOnceEachCameBack() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        List<String> ward7 = pack(api, lead.token(), site, "Ward 7", 3, outageId);
        List<String> ward9 = pack(api, lead.token(), site, "Ward 9", 1, outageId);
        List<String> ahead = pack(api, lead.token(), site, "Ward 9", 2, null);
        api.logItem(lead.token(), itemOn(outageId, site, ward7.get(0)));
        api.logItem(lead.token(), itemOn(outageId, site, ahead.get(0)));

        JsonNode r = sheetsOf(outageId, lead.token());
        assertThat(r.get("outageId").asLong()).isEqualTo(outageId);
        assertThat(r.get("totals").toString()).isEqualTo(
                "{\"issued\":4,\"inUse\":2,\"complete\":0,\"returnedUnused\":0,\"missing\":0,\"voided\":0}");
        assertThat(r.get("wards")).hasSize(2);
        assertThat(r.get("wards").get(0).get("ward").asText()).isEqualTo("Ward 7");
        assertThat(r.get("wards").get(1).get("ward").asText()).isEqualTo("Ward 9");
        JsonNode w7 = r.get("wards").get(0);
        assertThat(w7.get("issued").asInt()).isEqualTo(2);
        assertThat(w7.get("inUse").asInt()).isEqualTo(1);
        assertThat(w7.get("sheets").findValuesAsText("sheetId")).containsExactlyInAnyOrderElementsOf(ward7);
        JsonNode w9 = r.get("wards").get(1);
        assertThat(w9.get("sheets").findValuesAsText("sheetId"))
                .containsExactlyInAnyOrder(ward9.get(0), ahead.get(0), ahead.get(1));
        assertThat(w9.get("issued").asInt()).isEqualTo(2);
        assertThat(w9.get("inUse").asInt()).isEqualTo(1);
        assertThat(r.get("accountedFor").asBoolean()).isFalse();

        String lead7 = "/api/sheets/";
        api.post(lead7 + ward7.get(0) + "/complete", lead.token(), Map.of("declaredEntries", 1));
        api.post(lead7 + ward7.get(1) + "/return-unused", lead.token(), Map.of());
        api.post(lead7 + ward7.get(2) + "/missing", lead.token(), Map.of("reason", "not returned by the ward"));
        api.post(lead7 + ward9.get(0) + "/void", lead.token(), Map.of("reason", "spoilt"));
        assertThat(sheetsOf(outageId, lead.token()).get("accountedFor").asBoolean())
                .as("the sheet printed ahead and used is still IN_USE").isFalse();
        api.post(lead7 + ahead.get(0) + "/complete", lead.token(), Map.of("declaredEntries", 1));

        JsonNode done = sheetsOf(outageId, lead.token());
        assertThat(done.get("totals").toString()).isEqualTo(
                "{\"issued\":1,\"inUse\":0,\"complete\":2,\"returnedUnused\":1,\"missing\":1,\"voided\":1}");
        assertThat(done.get("mismatches")).isEmpty();
        assertThat(done.get("unknownSheets")).isEmpty();
        assertThat(done.get("accountedFor").asBoolean())
                .as("the unused sheet printed ahead stays in the downtime box: " + done).isTrue();
        assertThat(reconciliation.forOutage(outageId).accountedFor()).isTrue();
        assertThat(reconciliation.forOutage(outageId).totals().complete()).isEqualTo(2);
    }

    @Test
    void aLeadSeesOnlyTheirSitesSheetsAndNotAnOutageTheyCannotSee() {
        String mine = Api.site();
        String theirs = Api.site();
        Api.User both = api.createUser("TEAM_LEAD", mine, theirs);
        long outageId = api.createOutage(both.token(), new String[]{mine, theirs}, "EMAR").get("id").asLong();
        String mySheet = pack(api, both.token(), mine, "Ward 7", 1, outageId).get(0);
        String theirSheet = pack(api, both.token(), theirs, "Ward 7", 1, outageId).get(0);
        String theirUnknown = SheetId.of(theirs, 120_000_000L, 1);
        api.logItem(both.token(), itemOn(outageId, theirs, theirUnknown));

        Api.User lead = api.createUser("TEAM_LEAD", mine);
        JsonNode r = sheetsOf(outageId, lead.token());
        assertThat(r.get("wards").findValuesAsText("sheetId")).containsExactly(mySheet);
        assertThat(r.get("totals").get("issued").asInt()).isEqualTo(1);
        assertThat(r.get("unknownSheets")).isEmpty();

        JsonNode all = sheetsOf(outageId, both.token());
        assertThat(all.get("wards").findValuesAsText("sheetId")).containsExactlyInAnyOrder(mySheet, theirSheet);
        assertThat(all.get("unknownSheets").findValuesAsText("sheetId")).containsExactly(theirUnknown);
        assertThat(reconciliation.forOutage(outageId).unknownSheets()).hasSize(1);

        Api.User stranger = api.createUser("TEAM_LEAD", Api.site());
        assertThat(api.get("/api/outages/" + outageId + "/sheets", stranger.token()).status()).isEqualTo(404);
        Api.User clerk = api.createUser("CLERK", mine);
        assertThat(api.get("/api/outages/" + outageId + "/sheets", clerk.token()).status()).isEqualTo(403);
    }
}
