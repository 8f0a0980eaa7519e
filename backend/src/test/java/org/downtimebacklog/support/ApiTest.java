package org.downtimebacklog.support;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** A test that talks to the running service over HTTP. Subclasses carry {@code @MicronautTest}. */
public abstract class ApiTest {

    @Inject
    protected EmbeddedServer server;
    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(server.getURL());
    }
}
