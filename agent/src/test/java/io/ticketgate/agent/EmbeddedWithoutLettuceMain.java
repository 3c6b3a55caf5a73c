package io.ticketgate.agent;

import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;

/**
 * An embedding game in its own JVM, started by {@link WithoutLettuceTest} on a class path
 * without Lettuce: starts an agent, reserves a slot, connects a player, and exits 0 once the
 * player is ACCEPTED.
 */
public final class EmbeddedWithoutLettuceMain {

    private EmbeddedWithoutLettuceMain() {
    }

    public static void main(String[] args) throws Exception {
        TicketgateAgent agent = TicketgateAgent.builder()
                .playerPort(0)
                .playerBindAddress("127.0.0.1")
                .controlPort(0)
                .listener((session, connection) -> Admission.accepted())
                .build()
                .start();
        try {
            GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(2).build());
            PlayerSession ticket = agent.reservePlayerSession(game.gameSessionId(), "player-1", null);
            try (TgtConnection player = TgtClient.connect("127.0.0.1", agent.playerPort(),
                    ticket.playerSessionId())) {
                if (!player.accepted()) {
                    throw new IllegalStateException("the player was not accepted: " + player);
                }
            }
        } finally {
            agent.stop();
        }
        System.out.println("ACCEPTED");
    }
}
