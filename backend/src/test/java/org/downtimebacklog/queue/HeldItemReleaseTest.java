package org.downtimebacklog.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A release never waits for an item another transaction holds (another node releasing it, say): it skips it and goes
 * on, chunk by chunk, and the item is released once it is free, by the release's last look or the next sweep; every
 * item exactly once.
 */
@MicronautTest(transactional = false)
@Property(name = "backlog.queue.release-chunk", value = "7")
@Property(name = "backlog.queue.release-sweep-interval", value = "2s")
class HeldItemReleaseTest extends ApiTest {

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSources;

    @Test
    void anItemHeldElsewhereIsSkippedNotWaitedForAndReleasedOnceWhenFree() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR", "LIMS");
        outage.recover("EMAR");
        List<Long> waiting = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            waiting.add(outage.log(b -> b.put("targetSystem", "LIMS").put("category", "RESULT")
                    .put("summary", "Result " + Instant.now().toEpochMilli())).get("id").asLong());
        }
        long held = waiting.get(9);
        try (Connection other = dataSources.resolve(dataSource).getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM item WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, held);
                try (ResultSet rs = lock.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            outage.recover("LIMS");
            await(() -> countWithStatus(outage, "READY") == 29);
            assertThat(status(outage, held)).as("skipped while held").isEqualTo("LOGGED");
            other.commit();
        }
        await(() -> countWithStatus(outage, "READY") == 30);
        for (long id : waiting) {
            JsonNode history = api.get("/api/items/" + id + "/history", outage.lead().token()).body();
            int released = 0;
            for (JsonNode e : history) {
                if (e.get("action").asText().equals("ITEM_RELEASED")) {
                    released++;
                }
            }
            assertThat(released).as("ITEM_RELEASED events of item " + id).isEqualTo(1);
        }
        JsonNode byStatus = api.get("/api/outages/" + outage.id() + "/summary", outage.lead().token()).body()
                .get("byStatus");
        assertThat(byStatus.get("LOGGED").asLong()).isZero();
        assertThat(byStatus.get("READY").asLong()).isEqualTo(30);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private String status(StaffedOutage outage, long id) {
        return api.get("/api/items/" + id, outage.lead().token()).body().get("status").asText();
    }

    private int countWithStatus(StaffedOutage outage, String status) {
        return api.get("/api/items?outageId=" + outage.id() + "&targetSystem=LIMS&status=" + status + "&size=200",
                outage.lead().token()).body().get("items").size();
    }
}
