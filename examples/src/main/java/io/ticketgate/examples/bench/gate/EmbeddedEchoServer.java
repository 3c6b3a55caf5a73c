package io.ticketgate.examples.bench.gate;

import io.ticketgate.agent.Admission;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.TicketgateAgent;
import java.util.concurrent.CountDownLatch;

/**
 * Ticketgate embedded in a game server process: the listener takes each accepted player's
 * channel and echoes on it; there is no upstream. Every setting is at its default except free
 * loopback ports and the per-address handshake rate (first argument), which the comparison names.
 */
public final class EmbeddedEchoServer {

    private EmbeddedEchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        PlayerLimits defaults = PlayerLimits.defaults();
        int handshakesPerSecondPerAddress = Integer.parseInt(args[0]);
        TicketgateAgent agent = TicketgateAgent.builder()
                .playerPort(0)
                .playerBindAddress("127.0.0.1")
                .controlPort(0)
                .playerLimits(new PlayerLimits(defaults.maxConnectionsPerAddress(), handshakesPerSecondPerAddress,
                        defaults.maxPendingHandshakes()))
                .listener((session, connection) -> {
                    connection.pipeline().addLast(EchoHandler.INSTANCE);
                    return Admission.accepted();
                })
                .build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(agent::stop));
        System.out.println(LoopbackServer.READY + agent.playerPort() + " control " + agent.controlPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
