package org.downtimebacklog.oidc;

import io.swagger.v3.oas.annotations.media.Schema;

/** An identity provider staff may sign in through. */
@Schema(description = "An identity provider staff may sign in through")
public record ProviderResponse(
        @Schema(description = "The provider's id, part of its addresses", example = "hospital") String id,
        @Schema(description = "The name to show on its sign-in button", example = "St Elsewhere staff account") String name,
        @Schema(description = "Where the browser goes to sign in (a page, not an API call)",
                example = "/oauth/login/hospital") String loginUrl) {
}
