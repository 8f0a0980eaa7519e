package org.downtimebacklog.oidc;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Singleton;
import org.downtimebacklog.account.AuthService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * The identity provider says who, nothing more: the configured claim ({@code BACKLOG_OIDC_USERNAME_CLAIM}, default
 * {@code preferred_username}) names the local account. Its roles and sites are this service's, read when the session
 * is made ({@link SignInHandler}); none of the provider's claims is kept.
 */
@Requires(property = OidcProperties.CONFIGURED)
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
class AccountMapper implements OpenIdAuthenticationMapper {

    static final String PROVIDER_ATTRIBUTE = "backlog.oidc.provider";

    private final String usernameClaim;
    private final AuthService auth;

    AccountMapper(@Value("${backlog.oidc.username-claim:" + OidcProperties.DEFAULT_USERNAME_CLAIM + "}") String usernameClaim,
                  AuthService auth) {
        this.usernameClaim = usernameClaim;
        this.auth = auth;
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName,
                                                                         OpenIdTokenResponse tokenResponse,
                                                                         OpenIdClaims openIdClaims,
                                                                         @Nullable State state) {
        Object username = openIdClaims.getClaims().get(usernameClaim);
        if (!(username instanceof String name) || name.isBlank()) {
            auth.refuseVouchedFor("", null, IdTokenValidator.METHOD, providerName,
                    "the identity token has no " + usernameClaim);
            return Mono.just(AuthenticationResponse.failure("no username"));
        }
        return Mono.just(AuthenticationResponse.success(name, Map.of(PROVIDER_ATTRIBUTE, providerName)));
    }
}
