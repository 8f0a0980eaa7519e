package org.downtimebacklog.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.web.AccessDeniedException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Problems;

@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
class AuthController {

    private static final String MODE_DESCRIPTION = "'cookie' for the web app: the refresh token travels in the "
            + "HttpOnly cookie " + SessionCookie.NAME + " (Path=" + SessionCookie.PATH + ", SameSite=Strict) instead of "
            + "the body, and a cookie is only honoured with this header.";

    private final AuthService auth;
    private final CallerService callers;
    private final HttpClientAddressResolver addresses;

    AuthController(AuthService auth, CallerService callers, HttpClientAddressResolver addresses) {
        this.auth = auth;
        this.callers = callers;
        this.addresses = addresses;
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SecurityRequirement(name = "")
    @Operation(summary = "Sign in", description = "Returns a short-lived access token and a refresh token. With "
            + "X-Session: cookie the refresh token is set as a cookie and refresh_token is null.")
    @ApiResponse(responseCode = "200", description = "Signed in")
    @ApiResponse(responseCode = "401", description = "Wrong username or password (which one is not said)")
    @ApiResponse(responseCode = "429", description = "Too many failed sign-ins for this username from this "
            + "device, for this username, or from this device; or too many sign-ins at once. See Retry-After")
    HttpResponse<TokenResponse> login(HttpRequest<?> http,
                                      @Parameter(description = MODE_DESCRIPTION) @Header(SessionCookie.MODE_HEADER) @Nullable String mode,
                                      @Body @Valid LoginRequest request) {
        http.setAttribute(AuditService.ATTEMPTED_USERNAME, request.username().strip().toLowerCase(java.util.Locale.ROOT));
        TokenResponse tokens = auth.login(request, addresses.resolve(http));
        return SessionCookie.requested(mode) ? withCookie(tokens, http) : HttpResponse.ok(tokens);
    }

    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SecurityRequirement(name = "")
    @Operation(summary = "Exchange a refresh token for new tokens",
            description = "The refresh token is rotated; presenting a used one revokes every token of that sign-in. "
                    + "With X-Session: cookie the body may be left out: the cookie is used and replaced, and a "
                    + "missing or refused cookie is cleared.")
    @ApiResponse(responseCode = "200", description = "New tokens",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @ApiResponse(responseCode = "401", description = "The refresh token is unknown, used, revoked or expired")
    HttpResponse<?> refresh(HttpRequest<?> http,
                            @Parameter(description = MODE_DESCRIPTION) @Header(SessionCookie.MODE_HEADER) @Nullable String mode,
                            @Body @Nullable @Valid RefreshRequest request) {
        if (!SessionCookie.requested(mode)) {
            String token = request == null ? null : request.refreshToken();
            if (token == null || token.isBlank()) {
                throw InvalidInputException.badRequest("refresh_token", "is required (or send X-Session: cookie)");
            }
            return HttpResponse.ok(auth.refresh(token));
        }
        try {
            String token = SessionCookie.token(http).orElseThrow(AuthService::invalidRefresh);
            return withCookie(auth.refresh(token), http);
        } catch (AccessDeniedException e) {
            return Problems.of(e).cookie(SessionCookie.cleared(http));
        }
    }

    @Post("/logout")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Sign out", description = "Revokes the refresh token's sign-in and the caller's access tokens. "
            + "With X-Session: cookie the cookie's sign-in is ended and the cookie cleared; then a valid cookie is "
            + "enough, without an access token.")
    @ApiResponse(responseCode = "204", description = "Signed out")
    @ApiResponse(responseCode = "401", description = "No valid access token (nor, with X-Session: cookie, a valid cookie)")
    HttpResponse<?> logout(HttpRequest<?> http, @Nullable Authentication authentication,
                           @Parameter(description = MODE_DESCRIPTION) @Header(SessionCookie.MODE_HEADER) @Nullable String mode,
                           @Body @Nullable @Valid LogoutRequest request) {
        if (!SessionCookie.requested(mode)) {
            if (authentication == null) {
                throw AccessDeniedException.unauthorized(AccessDeniedException.SIGN_IN_FIRST);
            }
            auth.logout(callers.resolve(authentication).userId(), request == null ? null : request.refreshToken());
            return HttpResponse.noContent();
        }
        try {
            String token = SessionCookie.token(http).orElse(null);
            if (authentication != null) {
                auth.logout(callers.resolve(authentication).userId(), token);
            } else if (token != null) {
                auth.logoutWithRefreshToken(token);
            } else {
                throw AuthService.invalidRefresh();
            }
            return HttpResponse.noContent().cookie(SessionCookie.cleared(http));
        } catch (AccessDeniedException e) {
            return Problems.of(e).cookie(SessionCookie.cleared(http));
        }
    }

    /** The web app's answer: the refresh token goes into the cookie, not the body. */
    private MutableHttpResponse<TokenResponse> withCookie(TokenResponse tokens, HttpRequest<?> http) {
        return HttpResponse.ok(tokens.withoutRefreshToken())
                .cookie(SessionCookie.issue(tokens.refreshToken(), auth.refreshTokenLifetime(), http));
    }
}
