package org.downtimebacklog.oidc;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The sign-in addresses ({@code /oauth/login/*}, {@code /oauth/callback/*}) are visited by the browser, not called
 * by the web app: an error there (a refused identity token, an identity provider that answered with an error or
 * not at all) sends the browser back to the web app with {@code ?signin=refused} or {@code ?signin=failed}
 * rather than showing it an error document.
 */
@ServerFilter("/oauth/**")
@Requires(property = OidcProperties.CONFIGURED)
class SignInRedirects {

    @ResponseFilter
    void redirectErrors(MutableHttpResponse<?> response) {
        int status = response.getStatus().getCode();
        if (status < 400) {
            return;
        }
        boolean refused = status == HttpStatus.UNAUTHORIZED.getCode() || status == HttpStatus.FORBIDDEN.getCode();
        response.status(HttpStatus.SEE_OTHER);
        response.body(null);
        response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        response.getHeaders().set(HttpHeaders.LOCATION,
                (refused ? SignInHandler.REFUSED : SignInHandler.FAILED).toString());
    }
}
