package org.downtimebacklog.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/** Uploads a file for import through the API, as the web app does (in parts), and waits for an import to end. */
public final class Imports {

    private Imports() {
    }

    /** Registers, sends in parts and completes the file; the import as completion answers it (200 expected). */
    public static JsonNode upload(Api api, String token, long outageId, String fileName, byte[] file) {
        Api.Response completed = tryUpload(api, token, outageId, fileName, file);
        if (completed.status() != 200) {
            throw new AssertionError("could not complete the upload: " + completed);
        }
        return completed.body();
    }

    /** As {@link #upload}, answering whatever completion answered. */
    public static Api.Response tryUpload(Api api, String token, long outageId, String fileName, byte[] file) {
        Api.Response created = api.post("/api/imports", token, Map.of("outageId", outageId, "fileName", fileName,
                "size", file.length));
        if (created.status() != 201) {
            throw new AssertionError("could not begin the upload: " + created);
        }
        long id = created.body().get("id").asLong();
        int partSize = created.body().get("partSize").asInt();
        for (int part = 0; part * partSize < file.length; part++) {
            byte[] content = Arrays.copyOfRange(file, part * partSize, Math.min(file.length, (part + 1) * partSize));
            Api.Response sent = api.sendBytes("PUT", "/api/imports/" + id + "/parts/" + part, token, content);
            if (sent.status() != 204) {
                throw new AssertionError("could not send part " + part + ": " + sent);
            }
        }
        return api.post("/api/imports/" + id + "/complete", token, null);
    }

    /** Starts the import with this mapping (202 expected); the import as answered. */
    public static JsonNode start(Api api, String token, long id, Object mapping) {
        Api.Response r = api.post("/api/imports/" + id + "/start", token, Map.of("mapping", mapping));
        if (r.status() != 202) {
            throw new AssertionError("could not start the import: " + r);
        }
        return r.body();
    }

    /** Polls the import until it is DONE or FAILED. */
    public static JsonNode awaitEnd(Api api, String token, long id, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Api.Response r = api.get("/api/imports/" + id, token);
            if (r.status() == 200) {
                String status = r.body().get("status").asText();
                if (status.equals("DONE") || status.equals("FAILED")) {
                    return r.body();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not end within " + within);
    }
}
