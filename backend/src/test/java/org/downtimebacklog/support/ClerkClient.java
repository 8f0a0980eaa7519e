package org.downtimebacklog.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a clerk's client does against one or more service processes: log an item, enter an item claimed, enter what
 * the clerk holds. A 503 with Retry-After is sent again after a pause, as the web app does (with the same
 * Idempotency-Key), and counted in {@code refusals}; what was acknowledged is recorded for checks afterwards, and any
 * other answer is added to {@code unexpected}.
 */
public final class ClerkClient {

    private ClerkClient() {
    }

    /** Logs the item, again with the same key after a 503; whether it was acknowledged (its id is then recorded). */
    public static boolean logOne(Api via, String token, ObjectNode body, Map<String, Long> acknowledged,
                                 AtomicInteger refusals, List<String> unexpected) {
        String key = UUID.randomUUID().toString();
        try {
            for (int attempt = 0; attempt < 100; attempt++) {
                Api.Response r = via.post("/api/items", token, body, "Idempotency-Key", key);
                if (r.status() == 201 || r.status() == 200) {
                    acknowledged.put(key, r.body().get("id").asLong());
                    return true;
                }
                if (r.status() != 503 || r.header("Retry-After") == null) {
                    unexpected.add("log: " + r);
                    return false;
                }
                refusals.incrementAndGet();
                Thread.sleep(200);
            }
            unexpected.add("log: still 503 after 100 attempts");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            unexpected.add("log: no answer: " + e);
        }
        return false;
    }

    /**
     * Enters the item (If-Match its version), again after a 503; an entry whose answer was lost is found stored.
     * Whether it was entered by this worker (then recorded in {@code enteredBy}).
     */
    public static boolean enter(Api.User worker, Api via, long id, String etag, Map<Long, String> enteredBy,
                                AtomicInteger refusals, List<String> unexpected) throws InterruptedException {
        boolean retried = false;
        for (int attempt = 0; attempt < 100; attempt++) {
            Api.Response entered = via.post("/api/items/" + id + "/transitions", worker.token(),
                    Map.of("to", "ENTERED", "externalReference", "EHR-" + id), "If-Match", etag);
            if (entered.status() == 200) {
                enteredBy.put(id, worker.username());
                return true;
            }
            if (entered.status() == 503 && entered.header("Retry-After") != null) {
                refusals.incrementAndGet();
                retried = true;
                Thread.sleep(200);
                continue;
            }
            if (retried && (entered.status() == 412 || entered.status() == 409)) {
                Api.Response item = via.get("/api/items/" + id, worker.token());
                if (item.status() == 200 && "ENTERED".equals(item.body().get("status").asText())
                        && worker.username().equals(item.body().get("enteredBy").asText())) {
                    enteredBy.put(id, worker.username());
                    return true;
                }
            }
            unexpected.add("enter " + id + ": " + entered);
            return false;
        }
        unexpected.add("enter " + id + ": still 503 after 100 attempts");
        return false;
    }

    /** Enters every item the worker holds (their list, GET /api/queue/mine). */
    public static void finishHeld(Api.User worker, Api via, Map<Long, String> claimedBy, Map<Long, String> enteredBy,
                                  AtomicInteger refusals, List<String> unexpected) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Api.Response mine = via.get("/api/queue/mine", worker.token());
            if (mine.status() == 503) {
                refusals.incrementAndGet();
                Thread.sleep(200);
                continue;
            }
            if (mine.status() != 200) {
                unexpected.add("mine: " + mine);
                return;
            }
            for (JsonNode held : mine.body()) {
                long id = held.get("id").asLong();
                claimedBy.putIfAbsent(id, worker.username());
                enter(worker, via, id, "\"" + held.get("version").asLong() + "\"", enteredBy, refusals, unexpected);
            }
            return;
        }
        unexpected.add("mine: still 503 after 100 attempts");
    }
}
