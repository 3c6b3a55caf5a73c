package io.ticketgate.examples.chat;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.TicketgateAgent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The chat server on its own, for trying it by hand: it reserves a ticket for each name given
 * and prints the {@link ChatClient} command to join with it. Stop it with Ctrl-C.
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.chat.ChatServer Alice Bob}
 */
public final class ChatServer {

    public static void main(String[] args) throws InterruptedException {
        List<String> names = args.length > 0 ? List.of(args) : List.of("Alice", "Bob");
        TicketgateAgent agent = TicketgateAgent.builder()
                .playerPort(7777)
                .reservationTimeout(Duration.ofMinutes(10))
                .listener(new ChatGame())
                .build()
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            stopped.countDown();
        }, "chat-server-stop"));

        GameSession room = agent.createGameSession(CreateGameSessionRequest.builder(8).name("lobby").build());
        System.out.println("Chat server on port " + agent.playerPort() + ", game session " + room.gameSessionId());
        System.out.println("Tickets are valid for 10 minutes. In other terminals, run:");
        for (int i = 0; i < names.size(); i++) {
            PlayerSession ticket = agent.reservePlayerSession(room.gameSessionId(), "player-" + (i + 1), names.get(i));
            System.out.println("  java -cp examples/target/ticketgate-chat-demo.jar "
                    + ChatClient.class.getName() + " 127.0.0.1 " + agent.playerPort() + " " + ticket.playerSessionId());
        }
        stopped.await();
    }
}
