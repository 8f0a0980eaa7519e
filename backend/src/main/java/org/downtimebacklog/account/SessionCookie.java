package org.downtimebacklog.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import org.downtimebacklog.web.Https;

import java.time.Duration;
import java.util.Optional;

/**
 * The web app's session: its refresh token travels in an HttpOnly cookie, out of reach of page scripts, instead of
 * the JSON body. A request asks for this with {@code X-Session: cookie}. A cross-site form or link cannot send that
 * header, so the header (with SameSite=Strict) is the defence against cross-site request forgery: a cookie that
 * arrives without it is ignored.
 */
public final class SessionCookie {

    static final String MODE_HEADER = "X-Session";
    static final String MODE = "cookie";
    static final String NAME = "backlog_refresh";
    static final String PATH = "/api/auth";

    private SessionCookie() {
    }

    static boolean requested(@Nullable String modeHeader) {
        return modeHeader != null && modeHeader.strip().equalsIgnoreCase(MODE);
    }

    /** The refresh token in the cookie, if the request carries one. */
    static Optional<String> token(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(v -> !v.isBlank());
    }

    /** The cookie that carries a refresh token for as long as the token lasts; Secure when the request came over HTTPS. */
    public static Cookie issue(String refreshToken, Duration lifetime, HttpRequest<?> request) {
        return Cookie.of(NAME, refreshToken).httpOnly(true).sameSite(SameSite.Strict).path(PATH).maxAge(lifetime)
                .secure(Https.used(request));
    }

    /** Tells the browser to forget the cookie. */
    static Cookie cleared(HttpRequest<?> request) {
        return issue("", Duration.ZERO, request);
    }
}
