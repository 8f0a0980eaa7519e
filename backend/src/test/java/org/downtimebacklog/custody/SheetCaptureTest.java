package org.downtimebacklog.custody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Items name the sheets they were written on: the id is checked, and the first item moves the sheet into use. */
@MicronautTest(transactional = false)
class SheetCaptureTest extends ApiTest {

    record Setup(String site, Api.User lead, long outageId) {
    }

    private Setup setup() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        return new Setup(site, lead, outageId);
    }

    static List<String> pack(Api api, String token, String site, String ward, int count, Long outageId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("site", site, "ward", ward,
                "kind", "MEDICATION_ADMINISTRATION_RECORD", "count", count));
        if (outageId != null) {
            body.put("outageId", outageId);
        }
        Api.Response r = api.post("/api/form-packs", token, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("sheets").findValuesAsText("sheetId");
    }

    static ObjectNode itemOn(long outageId, String site, String sheetId) {
        ObjectNode item = Api.item(outageId, site);
        item.put("sheetId", sheetId);
        return item;
    }

    /** The same id with its check character changed. */
    static String mistyped(String id) {
        char check = id.charAt(id.length() - 1);
        return id.substring(0, id.length() - 1) + (check == 'A' ? 'B' : 'A');
    }

    @Test
    void aMistypedSheetIdIsRefusedNamingSheetIdAndNothingIsStored() {
        Setup s = setup();
        String sheet = pack(api, s.lead().token(), s.site(), "Ward 7", 1, s.outageId()).get(0);

        for (String wrong : List.of(mistyped(sheet), "S-" + s.site() + "-12", "sheet seven")) {
            Api.Response r = api.createItem(s.lead().token(), itemOn(s.outageId(), s.site(), wrong));
            assertThat(r.status()).as(r.toString()).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().get("violations").findValuesAsText("field")).containsExactly("sheetId");
        }
        assertThat(api.get("/api/items?outageId=" + s.outageId(), s.lead().token()).body().get("items")).isEmpty();
        assertThat(api.get("/api/sheets/" + sheet, s.lead().token()).body().get("status").asText()).isEqualTo("ISSUED");
    }

    @Test
    void aSheetOfAnotherSiteIsRefusedNamingSheetId() {
        String site = Api.site();
        String other = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site, other);
        long outageId = api.createOutage(lead.token(), new String[]{site, other}, "EMAR").get("id").asLong();
        String sheetOfOther = pack(api, lead.token(), other, "Ward 7", 1, outageId).get(0);

        Api.Response r = api.createItem(lead.token(), itemOn(outageId, site, sheetOfOther));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.body().get("violations").findValuesAsText("field")).containsExactly("sheetId");
        assertThat(api.get("/api/sheets/" + sheetOfOther, lead.token()).body().get("status").asText())
                .isEqualTo("ISSUED");
    }

    @Test
    void theFirstItemMovesTheSheetIntoUseAndJoinsItToTheOutageWithoutWarnings() {
        Setup s = setup();
        String sheet = pack(api, s.lead().token(), s.site(), "Ward 7", 2, null).get(0);

        Api.Response first = api.createItem(s.lead().token(), itemOn(s.outageId(), s.site(), sheet.toLowerCase()));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.body().get("sheetId").asText()).isEqualTo(sheet);
        assertThat(first.body().get("warnings")).isEmpty();
        JsonNode inUse = api.get("/api/sheets/" + sheet, s.lead().token()).body();
        assertThat(inUse.get("status").asText()).isEqualTo("IN_USE");
        assertThat(inUse.get("outageId").asLong()).isEqualTo(s.outageId());
        assertThat(inUse.get("loggedEntries").asLong()).isEqualTo(1);
        JsonNode event = api.lastAuditEvent(s.lead().username(), "SHEET_IN_USE");
        assertThat(event.get("itemId").asLong()).isEqualTo(first.body().get("id").asLong());
        assertThat(event.toString()).contains(sheet, "ISSUED", "IN_USE");

        api.logItem(s.lead().token(), itemOn(s.outageId(), s.site(), sheet));
        JsonNode after = api.get("/api/sheets/" + sheet, s.lead().token()).body();
        assertThat(after.get("status").asText()).isEqualTo("IN_USE");
        assertThat(after.get("loggedEntries").asLong()).isEqualTo(2);
        assertThat(after.get("version").asLong()).isEqualTo(inUse.get("version").asLong());
    }

    @Test
    void aSheetOfAnotherWardIsAcceptedWithAWarning() {
        Setup s = setup();
        String sheet = pack(api, s.lead().token(), s.site(), "Ward 9", 1, s.outageId()).get(0);

        JsonNode item = api.logItem(s.lead().token(), itemOn(s.outageId(), s.site(), sheet));
        assertThat(item.get("warnings")).hasSize(1);
        JsonNode warning = item.get("warnings").get(0);
        assertThat(warning.get("field").asText()).isEqualTo("sheetId");
        assertThat(warning.get("code").asText()).isEqualTo("SHEET_OF_OTHER_WARD");
        assertThat(warning.get("detail").asText()).contains(sheet, "Ward 9");
        assertThat(api.get("/api/items/" + item.get("id").asLong(), s.lead().token()).body().get("warnings")).isEmpty();
    }

    @Test
    void anUnregisteredSheetIsAcceptedWithAWarningAndCountedAsUnknown() {
        Setup s = setup();
        String unknown = SheetId.of(s.site(), 100_000_000L + (UUID.randomUUID().hashCode() & 0xFFFFFF), 3);

        JsonNode item = api.logItem(s.lead().token(), itemOn(s.outageId(), s.site(), unknown));
        assertThat(item.get("warnings").findValuesAsText("code")).containsExactly("SHEET_NOT_REGISTERED");
        api.logItem(s.lead().token(), itemOn(s.outageId(), s.site(), unknown));

        JsonNode reconciliation = api.get("/api/outages/" + s.outageId() + "/sheets", s.lead().token()).body();
        assertThat(reconciliation.get("unknownSheets")).hasSize(1);
        assertThat(reconciliation.get("unknownSheets").get(0).get("sheetId").asText()).isEqualTo(unknown);
        assertThat(reconciliation.get("unknownSheets").get(0).get("items").asInt()).isEqualTo(2);
        assertThat(reconciliation.get("unknownSheets").get(0).get("itemIds").get(0).asLong())
                .isEqualTo(item.get("id").asLong());
        assertThat(reconciliation.get("accountedFor").asBoolean()).isFalse();
    }

    @Test
    void aVoidedOrReturnedSheetIsRefusedAndAMissingOneTurnsUp() {
        Setup s = setup();
        List<String> sheets = pack(api, s.lead().token(), s.site(), "Ward 7", 3, s.outageId());
        assertThat(api.post("/api/sheets/" + sheets.get(0) + "/void", s.lead().token(),
                Map.of("reason", "spoilt: coffee")).status()).isEqualTo(200);
        assertThat(api.post("/api/sheets/" + sheets.get(1) + "/return-unused", s.lead().token(), Map.of())
                .status()).isEqualTo(200);
        assertThat(api.post("/api/sheets/" + sheets.get(2) + "/missing", s.lead().token(),
                Map.of("reason", "not in the downtime box")).status()).isEqualTo(200);

        for (String refused : sheets.subList(0, 2)) {
            Api.Response r = api.createItem(s.lead().token(), itemOn(s.outageId(), s.site(), refused));
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.body().get("violations").findValuesAsText("field")).containsExactly("sheetId");
        }
        assertThat(api.get("/api/items?outageId=" + s.outageId(), s.lead().token()).body().get("items")).isEmpty();

        api.logItem(s.lead().token(), itemOn(s.outageId(), s.site(), sheets.get(2)));
        JsonNode found = api.get("/api/sheets/" + sheets.get(2), s.lead().token()).body();
        assertThat(found.get("status").asText()).isEqualTo("IN_USE");
        assertThat(found.get("reason").isNull()).isTrue();
        assertThat(api.lastAuditEvent(s.lead().username(), "SHEET_FOUND").toString()).contains(sheets.get(2));
    }

    @Test
    void twoFirstItemsAtOnceBothSucceedAndTheSheetIsInUseOnce() throws Exception {
        Setup s = setup();
        String sheet = pack(api, s.lead().token(), s.site(), "Ward 7", 1, null).get(0);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> racing = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return api.createItem(s.lead().token(), itemOn(s.outageId(), s.site(), sheet));
            }));
        }
        start.countDown();
        for (CompletableFuture<Api.Response> r : racing) {
            assertThat(r.get().status()).as(r.get().toString()).isEqualTo(201);
        }
        JsonNode after = api.get("/api/sheets/" + sheet, s.lead().token()).body();
        assertThat(after.get("status").asText()).isEqualTo("IN_USE");
        assertThat(after.get("loggedEntries").asLong()).isEqualTo(2);
        assertThat(after.get("version").asLong()).isEqualTo(2);
        assertThat(api.auditEvents(s.lead().username(), api.adminToken()).stream()
                .filter(e -> e.get("action").asText().equals("SHEET_IN_USE"))).hasSize(1);
    }

    @Test
    void aBatchLinksEachItemToItsSheetAndRefusesOnlyTheMistypedOne() {
        Setup s = setup();
        List<String> sheets = pack(api, s.lead().token(), s.site(), "Ward 7", 2, s.outageId());
        ObjectNode other = itemOn(s.outageId(), s.site(), sheets.get(1));
        other.put("ward", "Ward 8");
        List<Map<String, Object>> entries = List.of(
                Map.of("idempotencyKey", UUID.randomUUID().toString(), "item", itemOn(s.outageId(), s.site(), sheets.get(0))),
                Map.of("idempotencyKey", UUID.randomUUID().toString(), "item", itemOn(s.outageId(), s.site(), sheets.get(0))),
                Map.of("idempotencyKey", UUID.randomUUID().toString(), "item", itemOn(s.outageId(), s.site(), mistyped(sheets.get(1)))),
                Map.of("idempotencyKey", UUID.randomUUID().toString(), "item", other));

        Api.Response r = api.post("/api/items/batch", s.lead().token(), Map.of("items", entries));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode results = r.body().get("results");
        assertThat(java.util.stream.StreamSupport.stream(results.spliterator(), false)
                .map(result -> result.get("status").asInt())).containsExactly(201, 201, 422, 201);
        assertThat(results.get(2).get("problem").get("violations").findValuesAsText("field")).containsExactly("sheetId");
        assertThat(results.get(0).get("item").get("sheetId").asText()).isEqualTo(sheets.get(0));
        assertThat(results.get(0).get("item").get("warnings")).isEmpty();
        assertThat(results.get(3).get("item").get("warnings").findValuesAsText("code"))
                .containsExactly("SHEET_OF_OTHER_WARD");

        JsonNode first = api.get("/api/sheets/" + sheets.get(0), s.lead().token()).body();
        assertThat(first.get("status").asText()).isEqualTo("IN_USE");
        assertThat(first.get("loggedEntries").asLong()).isEqualTo(2);
        assertThat(api.get("/api/sheets/" + sheets.get(1), s.lead().token()).body().get("status").asText())
                .isEqualTo("IN_USE");
    }

    @Test
    void aCorrectionMayNameASheetAndIsCheckedTheSameWay() {
        Setup s = setup();
        String sheet = pack(api, s.lead().token(), s.site(), "Ward 7", 1, s.outageId()).get(0);
        Api.Response created = api.createItem(s.lead().token(), Api.item(s.outageId(), s.site()));
        long id = created.body().get("id").asLong();
        assertThat(created.body().get("sheetId").isNull()).isTrue();

        Api.Response wrong = api.patch("/api/items/" + id, s.lead().token(), Map.of("sheetId", mistyped(sheet)),
                "If-Match", created.header("ETag"));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(422);
        assertThat(wrong.body().get("violations").findValuesAsText("field")).containsExactly("sheetId");

        Api.Response corrected = api.patch("/api/items/" + id, s.lead().token(), Map.of("sheetId", sheet),
                "If-Match", created.header("ETag"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.body().get("sheetId").asText()).isEqualTo(sheet);
        assertThat(api.get("/api/sheets/" + sheet, s.lead().token()).body().get("status").asText()).isEqualTo("IN_USE");
    }
}
