package org.downtimebacklog.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.util.StringUtils;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * On first start against an empty database, creates the user {@code admin} (ADMIN, every site) with the password
 * in {@code BACKLOG_ADMIN_PASSWORD}, or a random one written once to the log.
 */
@Singleton
public class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuditService audit;
    private final Clock clock;
    private final String configuredPassword;

    AdminBootstrap(UserRepository users, PasswordHasher hasher, AuditService audit, Clock clock,
                   @Value("${backlog.admin-password:}") String configuredPassword) {
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.configuredPassword = configuredPassword;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            createAdminIfEmpty();
        } catch (RuntimeException e) {
            // Another node may have created it at the same moment (unique username).
            if (users.count() == 0) {
                throw e;
            }
        }
    }

    @Transactional
    public void createAdminIfEmpty() {
        if (users.count() > 0) {
            return;
        }
        boolean generated = !StringUtils.hasText(configuredPassword);
        String password = generated ? randomPassword() : configuredPassword;
        Instant now = Instant.now(clock);
        User admin = users.save(new User(null, "admin", "Administrator", hasher.hash(password),
                Set.of(Role.ADMIN.name()), Set.of(Caller.ALL_SITES), Set.of(), true, 0, now, now));
        audit.recordAnonymous("system", null, "USER_CREATED", UserService.ENTITY, admin.id(), "first start");
        if (generated) {
            LOG.warn("Created user 'admin' with the one-time password: {}  (set BACKLOG_ADMIN_PASSWORD to choose it; "
                    + "change it after signing in)", password);
        } else {
            LOG.info("Created user 'admin' with the password from BACKLOG_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
