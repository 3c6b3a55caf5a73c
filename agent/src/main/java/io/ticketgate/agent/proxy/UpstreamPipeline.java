package io.ticketgate.agent.proxy;

/** Names of the handlers the sidecar adds: to the player's pipeline and to the upstream's. */
final class UpstreamPipeline {

    /** On the player's channel: relays the player's bytes to the game server. */
    static final String RELAY_TO_UPSTREAM = "ticketgate-relay-to-upstream";
    /** On the upstream channel: relays the game server's bytes to the player. */
    static final String RELAY_TO_PLAYER = "ticketgate-relay-to-player";
    /** On the upstream channel, only while the PROXY v2 header is written. */
    static final String PRELUDE_ENCODER = "ticketgate-prelude-encoder";

    private UpstreamPipeline() {
    }
}
