package org.downtimebacklog.patient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clerk who names a site not theirs is refused for the site alone: the answer says nothing of that site's temporary
 * ids (whether one exists, was merged, or into which NHS number).
 */
@MicronautTest(transactional = false)
class TemporaryIdOfAnotherSiteTest extends ApiTest {

    @Test
    void anotherSitesTemporaryIdIsNotDescribedToAClerkRefusedThatSite() {
        String mine = Api.site();
        String theirs = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", mine, theirs);
        long outageId = api.createOutage(lead.token(), new String[]{mine, theirs}, "EMAR").get("id").asLong();
        Api.User theirClerk = api.createUser("CLERK", theirs);
        String tmp = api.post("/api/temporary-patients", theirClerk.token(), Map.of("site", theirs)).body()
                .get("temporaryId").asText();
        ObjectNode theirItem = Api.item(outageId, theirs);
        theirItem.with("patient").remove("nhsNumber");
        theirItem.with("patient").put("localId", tmp);
        api.logItem(theirClerk.token(), theirItem);
        assertThat(api.post("/api/temporary-patients/" + tmp + "/merge", lead.token(),
                Map.of("nhsNumber", "485 777 3457")).status()).isEqualTo(200);

        Api.User myClerk = api.createUser("CLERK", mine);
        ObjectNode probe = Api.item(outageId, theirs);
        probe.with("patient").remove("nhsNumber");
        probe.with("patient").put("localId", tmp);
        Api.Response single = api.createItem(myClerk.token(), probe);
        Api.Response batch = api.post("/api/items/batch", myClerk.token(), Map.of("items",
                List.of(Map.of("idempotencyKey", UUID.randomUUID().toString(), "item", probe))));
        for (String answer : List.of(single.raw().body(), batch.raw().body())) {
            assertThat(answer).contains("site").doesNotContain("merged").doesNotContain("3457")
                    .doesNotContain("patient.localId");
        }
        assertThat(single.status()).isEqualTo(422);
        assertThat(batch.body().at("/results/0/status").asInt()).isEqualTo(422);
    }
}
