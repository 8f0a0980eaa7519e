package org.downtimebacklog.oidc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Sign-in through the hospital's identity provider is configured by environment variables, and exists only when
 * {@code BACKLOG_OIDC_ISSUER} is set: this turns them into the configuration of one OpenID Connect client. Without
 * the issuer there is no client, no {@code /oauth/**} route and no request to any identity provider; local accounts
 * work as they always do.
 */
public final class OidcProperties {

    public static final String ISSUER = "BACKLOG_OIDC_ISSUER";
    public static final String CLIENT_ID = "BACKLOG_OIDC_CLIENT_ID";
    public static final String CLIENT_SECRET = "BACKLOG_OIDC_CLIENT_SECRET";
    public static final String NAME = "BACKLOG_OIDC_NAME";
    public static final String USERNAME_CLAIM = "BACKLOG_OIDC_USERNAME_CLAIM";
    public static final String PROVIDER = "BACKLOG_OIDC_PROVIDER";

    /** Set when a provider is configured: the beans of this package that take part in a sign-in require it. */
    static final String CONFIGURED = "backlog.oidc.provider";
    static final String DEFAULT_PROVIDER = "hospital";
    static final String DEFAULT_USERNAME_CLAIM = "preferred_username";
    /** The provider's id is part of the sign-in and callback addresses. */
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private OidcProperties() {
    }

    /** The configuration properties the variables stand for; empty without an issuer. */
    public static Map<String, Object> from(Function<String, String> environment) {
        String issuer = value(environment, ISSUER);
        if (issuer == null) {
            return Map.of();
        }
        String clientId = value(environment, CLIENT_ID);
        if (clientId == null) {
            throw new IllegalStateException(CLIENT_ID + " is required with " + ISSUER);
        }
        String provider = value(environment, PROVIDER);
        provider = provider == null ? DEFAULT_PROVIDER : provider.toLowerCase(Locale.ROOT);
        if (!PROVIDER_ID.matcher(provider).matches()) {
            throw new IllegalStateException(PROVIDER + " must be lower-case letters, digits and dashes");
        }
        String client = "micronaut.security.oauth2.clients." + provider;
        Map<String, Object> properties = new HashMap<>();
        properties.put(client + ".client-id", clientId);
        String secret = value(environment, CLIENT_SECRET);
        if (secret != null) {
            properties.put(client + ".client-secret", secret);
        }
        properties.put(client + ".openid.issuer", issuer);
        properties.put(CONFIGURED, provider);
        String name = value(environment, NAME);
        properties.put("backlog.oidc.name", name == null ? provider : name);
        String claim = value(environment, USERNAME_CLAIM);
        properties.put("backlog.oidc.username-claim", claim == null ? DEFAULT_USERNAME_CLAIM : claim);
        return properties;
    }

    private static String value(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
