package io.ticketgate.agent.control.auth;

import io.netty.handler.codec.http.FullHttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Decides whether a GameLift operation may run: with key pairs configured, only if it carries a
 * valid SigV4 signature by one of them; without, always.
 */
public final class ControlAuthenticator {

    /** The service name GameLift requests are signed for. */
    static final String SERVICE = "gamelift";

    private final SigV4Verifier verifier;

    private ControlAuthenticator(SigV4Verifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @param clock the agent's wall clock, which signing times must be close to
     * @throws IllegalArgumentException if an access key id is given twice
     */
    public static ControlAuthenticator of(ControlAuthSettings settings, Clock clock) {
        return new ControlAuthenticator(settings.signatureRequired()
                ? new SigV4Verifier(new KeyRing(settings.accessKeys()), clock, SERVICE)
                : null);
    }

    /**
     * Returns normally if the request may run.
     *
     * @throws UnauthorizedException saying why not: missing signature, unknown key, signature
     *     mismatch or request too old
     */
    public void check(FullHttpRequest request) throws UnauthorizedException {
        if (verifier != null) {
            verifier.verify(signable(request), () -> Signing.sha256Hex(request.content()));
        }
    }

    static SignableRequest signable(FullHttpRequest request) {
        // Netty reads the request line as ISO-8859-1; a client that sent UTF-8 bytes signed them as UTF-8.
        String uri = new String(request.uri().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        int scheme = uri.indexOf("://");
        if (!uri.startsWith("/") && scheme >= 0) {
            int path = uri.indexOf('/', scheme + 3);
            uri = path < 0 ? "/" : uri.substring(path);
        }
        int query = uri.indexOf('?');
        return new SignableRequest(request.method().name(),
                query < 0 ? uri : uri.substring(0, query),
                query < 0 ? "" : uri.substring(query + 1),
                name -> request.headers().getAll(name));
    }
}
