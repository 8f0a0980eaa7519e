package org.downtimebacklog.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
class AuthController {

    private final AuthService auth;
    private final CallerService callers;

    AuthController(AuthService auth, CallerService callers) {
        this.auth = auth;
        this.callers = callers;
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SecurityRequirement(name = "")
    @Operation(summary = "Sign in", description = "Returns a short-lived access token and a refresh token.")
    @ApiResponse(responseCode = "401", description = "Wrong username or password (which one is not said)")
    @ApiResponse(responseCode = "429", description = "Too many failed attempts for this username; see Retry-After")
    TokenResponse login(@Body @Valid LoginRequest request) {
        return auth.login(request);
    }

    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SecurityRequirement(name = "")
    @Operation(summary = "Exchange a refresh token for new tokens",
            description = "The refresh token is rotated; presenting a used one revokes every token of that sign-in.")
    TokenResponse refresh(@Body @Valid RefreshRequest request) {
        return auth.refresh(request);
    }

    @Post("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "Sign out", description = "Revokes the refresh token's sign-in and the caller's access tokens.")
    HttpResponse<Void> logout(Authentication authentication, @Body @Nullable @Valid LogoutRequest request) {
        long userId = callers.resolve(authentication).userId();
        auth.logout(userId, request == null ? null : request.refreshToken());
        return HttpResponse.noContent();
    }
}
