package io.ticketgate.agent.control.auth;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;

/**
 * The local API's bearer token: with one configured, each request must carry
 * {@code Authorization: Bearer <token>}. Compared in constant time, over digests of equal
 * length, so neither where nor how long the tokens differ shows in the time taken.
 */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private final String tokenHash;

    private BearerToken(String token) {
        this.tokenHash = token == null ? null : Signing.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    /** @param token the token, or null for none: every request is let through */
    public static BearerToken of(String token) {
        return new BearerToken(token);
    }

    /**
     * Returns normally if the request may use the local API.
     *
     * @throws UnauthorizedException saying whether the token was missing or wrong
     */
    public void check(FullHttpRequest request) throws UnauthorizedException {
        if (tokenHash == null) {
            return;
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new UnauthorizedException("missing bearer token: the local API needs Authorization: Bearer <token>");
        }
        String given = authorization.substring(PREFIX.length()).strip();
        if (!Signing.sameInConstantTime(tokenHash, Signing.sha256Hex(given.getBytes(StandardCharsets.UTF_8)))) {
            throw new UnauthorizedException("wrong bearer token: it is not the local API's token");
        }
    }
}
