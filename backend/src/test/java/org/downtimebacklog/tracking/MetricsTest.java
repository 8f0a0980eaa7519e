package org.downtimebacklog.tracking;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** During an outage an operator sees, in Prometheus's format, the requests, the queue and the work done. */
@MicronautTest(transactional = false)
class MetricsTest extends ApiTest {

    @Test
    void prometheusShowsRequestsTheQueueAndTheWorkDone() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR", "LIMS");
        outage.recover("EMAR");
        outage.log(b -> { });
        outage.log(b -> { });
        assertThat(api.post("/api/queue/next", outage.clerk().token(), Map.of()).status()).isEqualTo(200);

        String queueLine = "backlog_queue_ready{outage=\"" + outage.id() + "\",system=\"EMAR\"} 1.0";
        String text = scrape();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!text.contains(queueLine) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            text = scrape();
        }
        assertThat(text).contains(queueLine);
        assertThat(text).contains("backlog_queue_oldest_ready_age_seconds{outage=\"" + outage.id() + "\",system=\"EMAR\"}");
        assertThat(text).containsPattern("backlog_items_logged_total [1-9]");
        assertThat(text).containsPattern("backlog_items_moved_total\\{to=\"ASSIGNED\"} [1-9]");
        assertThat(text).contains("http_server_requests_seconds_count{")
                .contains("uri=\"/api/queue/next\"")
                .contains("quantile=\"0.95\"");
        assertThat(text).contains("hikaricp_connections_active");
        assertThat(text).contains("backlog_database_unreachable_total");
        // counts only: no patient, no user
        assertThat(text).doesNotContain("9434765919").doesNotContain(outage.clerk().username());
    }

    private String scrape() {
        Api.Response r = api.get("/prometheus", null);
        assertThat(r.status()).isEqualTo(200);
        return r.raw().body();
    }
}
