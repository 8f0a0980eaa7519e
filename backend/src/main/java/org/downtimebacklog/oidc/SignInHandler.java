package org.downtimebacklog.oidc;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import jakarta.inject.Singleton;
import org.downtimebacklog.account.AuthService;
import org.downtimebacklog.account.SessionCookie;
import org.downtimebacklog.account.TokenResponse;
import org.downtimebacklog.web.AccessDeniedException;

import java.net.URI;

/**
 * The end of a sign-in through the identity provider: the account it named gets this service's own session, the
 * same as after a local sign-in (the refresh token in the web app's HttpOnly cookie), and the browser goes to the
 * web app, which takes its access token from {@code POST /api/auth/refresh}. Anyone without an enabled account is
 * sent to the web app with {@code ?signin=refused}, without a session.
 */
@Requires(property = OidcProperties.CONFIGURED)
@Singleton
class SignInHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    static final URI SIGNED_IN = URI.create("/");
    static final URI REFUSED = URI.create("/?signin=refused");
    static final URI FAILED = URI.create("/?signin=failed");

    private final AuthService auth;

    SignInHandler(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        Object provider = authentication.getAttributes().get(AccountMapper.PROVIDER_ATTRIBUTE);
        try {
            TokenResponse tokens = auth.loginVouchedFor(authentication.getName(), IdTokenValidator.METHOD,
                    String.valueOf(provider));
            return HttpResponse.seeOther(SIGNED_IN)
                    .cookie(SessionCookie.issue(tokens.refreshToken(), auth.refreshTokenLifetime(), request));
        } catch (AccessDeniedException e) {
            return HttpResponse.seeOther(REFUSED);
        }
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken,
                                               HttpRequest<?> request) {
        // sessions are refreshed at POST /api/auth/refresh, never here
        return HttpResponse.seeOther(FAILED);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse authenticationResponse, HttpRequest<?> request) {
        return HttpResponse.seeOther(REFUSED);
    }
}
