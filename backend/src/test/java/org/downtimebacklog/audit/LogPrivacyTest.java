package org.downtimebacklog.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Patient identifiers, passwords and tokens never reach the application log, whatever the request does. */
@MicronautTest(transactional = false)
class LogPrivacyTest extends ApiTest {

    ListAppender<ILoggingEvent> appender;

    @BeforeEach
    void setUp() {
        appender = new ListAppender<>();
        appender.start();
        root().addAppender(appender);
    }

    @AfterEach
    void tearDown() {
        root().detachAppender(appender);
    }

    @Test
    void nothingIdentifyingIsLogged() {
        String site = Api.site();
        Api.User clerk = api.createUser("CLERK", site);
        long outageId = api.createOutage(api.createUser("TEAM_LEAD", site).token(), new String[]{site}, "EMAR").get("id").asLong();
        ObjectNode item = Api.item(outageId, site);
        ((ObjectNode) item.get("patient")).put("nhsNumber", "485 777 3457").put("name", "Zebedee Quixote").put("localId", "MRN-55501");
        long id = api.createItem(clerk.token(), item).body().get("id").asLong();
        api.get("/api/items/" + id, clerk.token());
        api.post("/api/items/search", clerk.token(), Map.of("patient", "4857773457"));
        ((ObjectNode) item.get("patient")).put("nhsNumber", "485 777 3456");
        api.createItem(clerk.token(), item);                                  // invalid NHS number
        api.send("POST", "/api/items", clerk.token(), "{\"patient\": {\"name\": \"Zebedee Quixote\"", "Idempotency-Key", "k");
        api.post("/api/auth/login", null, Map.of("username", clerk.username(), "password", "wrong-password-typed"));

        String log = String.join("\n", appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(log).doesNotContain("4857773457").doesNotContain("485 777 345").doesNotContain("Zebedee")
                .doesNotContain("MRN-55501").doesNotContain("wrong-password-typed").doesNotContain(clerk.password())
                .doesNotContain(clerk.token());
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
