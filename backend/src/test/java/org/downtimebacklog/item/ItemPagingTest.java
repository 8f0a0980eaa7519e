package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyset paging of GET /api/items: a list walked page by page by its cursors is the whole list, in order, once. */
@MicronautTest(transactional = false)
class ItemPagingTest extends ApiTest {

    static final List<String> SORTS = List.of("loggedAt", "occurredAt", "ward", "category", "status", "targetSystem",
            "id", "priority");
    static final List<String> CATEGORIES = List.of("MEDICATION_ADMINISTRATION", "OBSERVATIONS", "RESULT", "TRANSFER");

    String siteA;
    String siteB;
    Api.User lead;
    Api.User clerkA;
    long outageId;

    @BeforeEach
    void setUp() {
        siteA = Api.site();
        siteB = Api.site();
        lead = api.createUser("TEAM_LEAD", siteA, siteB);
        clerkA = api.createUser("CLERK", siteA);
        outageId = api.createOutage(lead.token(), new String[]{siteA, siteB}, "EMAR", "LIMS").get("id").asLong();
        // 23 items with many ties in every sort column (3 wards, 4 categories, 2 systems, 2 statuses, clinical
        // times that repeat), so that pages often end inside a run of equal values.
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.HOURS);
        for (int i = 0; i < 23; i++) {
            ObjectNode body = Api.item(outageId, i % 4 == 0 ? siteB : siteA);
            body.put("ward", "Ward " + (char) ('A' + i % 3));
            body.put("category", CATEGORIES.get(i % CATEGORIES.size()));
            body.put("targetSystem", i % 2 == 0 ? "EMAR" : "LIMS");
            body.put("highRisk", i % 5 == 0);
            body.put("occurredAt", base.plus(i % 6, ChronoUnit.HOURS).toString());
            api.logItem(lead.token(), body);
        }
        Api.Response recovered = api.post("/api/outages/" + outageId + "/systems/LIMS/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));
        assertThat(recovered.status()).isEqualTo(200);
    }

    @Test
    void everySortOrderWalkedByItsCursorsIsTheWholeListInOrderOnce() {
        for (String field : SORTS) {
            for (String sort : List.of(field, "-" + field)) {
                List<Long> whole = ids(api.get(list(sort, "") + "&size=200", lead.token()).body());
                assertThat(whole).as(sort).hasSize(23).doesNotHaveDuplicates();
                for (int size : List.of(1, 4, 7)) {
                    assertThat(walk(sort, "", size, lead)).as(sort + " by " + size).isEqualTo(whole);
                }
            }
        }
    }

    @Test
    void filtersHoldOnEveryPage() {
        for (String filter : List.of("&status=READY", "&targetSystem=EMAR", "&ward=Ward%20B", "&category=RESULT")) {
            for (String sort : List.of("priority", "-loggedAt", "-ward")) {
                List<Long> whole = ids(api.get(list(sort, filter) + "&size=200", lead.token()).body());
                assertThat(whole).as(sort + filter).isNotEmpty();
                assertThat(walk(sort, filter, 2, lead)).as(sort + filter).isEqualTo(whole);
            }
        }
    }

    @Test
    void aCursorShowsOnlyTheCallersSites() {
        List<Long> seen = walk("priority", "", 3, clerkA);
        JsonNode all = api.get(list("priority", "") + "&size=200", clerkA.token()).body();
        assertThat(seen).isEqualTo(ids(all)).hasSize(17);
        for (JsonNode item : all.get("items")) {
            assertThat(item.get("site").asText()).isEqualTo(siteA);
        }
        // the lead's cursor, handed to the clerk, still pages only through the clerk's site
        String leadsCursor = api.get(list("priority", "") + "&size=2", lead.token()).body().get("next").asText();
        JsonNode page = api.get(list("priority", "") + "&size=200&cursor=" + encode(leadsCursor), clerkA.token()).body();
        assertThat(page.get("items")).isNotEmpty();
        for (JsonNode item : page.get("items")) {
            assertThat(item.get("site").asText()).isEqualTo(siteA);
        }
    }

    @Test
    void theLastPageHasNoNextAndAPageAfterAnItemThatIsGoneStillFollowsIt() {
        JsonNode first = api.get(list("id", "") + "&size=23", lead.token()).body();
        assertThat(first.get("hasMore").asBoolean()).isFalse();
        assertThat(first.get("next").isNull()).isTrue();

        JsonNode page = api.get(list("-loggedAt", "") + "&size=5", lead.token()).body();
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        // items logged after the cursor was given sort before it: the next page neither repeats nor skips
        api.logItem(lead.token(), Api.item(outageId, siteA));
        JsonNode next = api.get(list("-loggedAt", "") + "&size=5&cursor=" + encode(page.get("next").asText()),
                lead.token()).body();
        List<Long> shown = new ArrayList<>(ids(page));
        shown.addAll(ids(next));
        List<Long> whole = ids(api.get(list("-loggedAt", "") + "&size=200", lead.token()).body());
        assertThat(shown).isEqualTo(whole.subList(1, 11));
    }

    @Test
    void aCursorThatIsNotOneOfThisListsIsRefusedNamingIt() {
        String cursor = api.get(list("priority", "") + "&size=2", lead.token()).body().get("next").asText();
        for (String bad : List.of("x", "....", cursor + ".AA", "!!!", cursor.substring(1), "bm90LWEtc29ydA.MQ")) {
            Api.Response r = api.get(list("priority", "") + "&cursor=" + encode(bad), lead.token());
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().get("violations").get(0).get("field").asText()).isEqualTo("cursor");
        }
        Api.Response otherSort = api.get(list("-priority", "") + "&cursor=" + encode(cursor), lead.token());
        assertThat(otherSort.status()).isEqualTo(400);
        assertThat(otherSort.body().get("violations").get(0).get("field").asText()).isEqualTo("cursor");
        assertThat(otherSort.body().get("violations").get(0).get("message").asText()).contains("another sort");

        Api.Response both = api.get(list("priority", "") + "&page=2&cursor=" + encode(cursor), lead.token());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().get("violations").get(0).get("field").asText()).isEqualTo("page");

        Api.Response tooLong = api.get(list("priority", "") + "&cursor=" + "A".repeat(700), lead.token());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("violations").get(0).get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void aPatientSearchPagesByCursorToo() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> body = cursor == null
                    ? Map.of("patient", "9434765919", "outageId", outageId, "size", 5)
                    : Map.of("patient", "9434765919", "outageId", outageId, "size", 5, "cursor", cursor);
            JsonNode page = api.post("/api/items/search", lead.token(), body).body();
            seen.addAll(ids(page));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
    }

    private List<Long> walk(String sort, String filter, int size, Api.User user) {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            String path = list(sort, filter) + "&size=" + size + (cursor == null ? "" : "&cursor=" + encode(cursor));
            Api.Response r = api.get(path, user.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            seen.addAll(ids(r.body()));
            if (!r.body().get("hasMore").asBoolean()) {
                assertThat(r.body().get("next").isNull()).isTrue();
                return seen;
            }
            cursor = r.body().get("next").asText();
        }
        throw new AssertionError("the list of " + sort + " did not end");
    }

    private String list(String sort, String filter) {
        return "/api/items?outageId=" + outageId + "&sort=" + encode(sort) + filter;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }
}
