package org.downtimebacklog.oidc;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Comparator;
import java.util.List;

@Controller("/api/auth")
@Tag(name = "Authentication")
class ProvidersController {

    private final List<ProviderResponse> providers;

    ProvidersController(List<OauthClientConfiguration> clients,
                        @Value("${backlog.oidc.provider:}") String configured,
                        @Value("${backlog.oidc.name:}") String name) {
        this.providers = clients.stream().filter(OauthClientConfiguration::isEnabled)
                .map(c -> new ProviderResponse(c.getName(),
                        c.getName().equals(configured) && !name.isBlank() ? name : c.getName(),
                        "/oauth/login/" + c.getName()))
                .sorted(Comparator.comparing(ProviderResponse::id))
                .toList();
    }

    @Get("/providers")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SecurityRequirement(name = "")
    @Operation(summary = "The identity providers one may sign in through",
            description = "Empty unless sign-in through the hospital's identity provider is configured. To sign in, "
                    + "the browser goes to loginUrl; it comes back to the web app signed in (the session cookie set, "
                    + "the access token from POST /api/auth/refresh), or to /?signin=refused (no enabled account "
                    + "here, or the provider's answer was not valid) or /?signin=failed (the provider could not be "
                    + "reached or answered with an error).")
    @ApiResponse(responseCode = "200", description = "The providers, perhaps none")
    List<ProviderResponse> providers() {
        return providers;
    }
}
