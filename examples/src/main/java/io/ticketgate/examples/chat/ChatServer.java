package io.ticketgate.examples.chat;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.examples.DemoCommandLine;
import io.ticketgate.examples.DemoProgram;
import io.ticketgate.examples.EmbeddedAgentStart;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The chat server on its own, for trying it by hand: it reserves a ticket for each name given
 * and prints the {@link ChatClient} command to join with it (with no names, how to reserve one),
 * then prints a line as each player joins and leaves. Stop it with Ctrl-C.
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.chat.ChatServer
 * [--port N] [--control-port N] [--background] [NAME...]}
 */
public final class ChatServer {

    static final String USAGE = """
            Usage: java -cp ticketgate-chat-demo.jar io.ticketgate.examples.chat.ChatServer
                       [--port N] [--control-port N] [--background] [NAME...]

            A chat server with an embedded Ticketgate agent, for trying it by hand. It reserves a
            ticket (valid for 10 minutes) for each NAME and prints the ChatClient command that
            joins with it; with no NAME it prints how to reserve one. Stop it with Ctrl-C.

              --port N          the port players connect to (default 7777; 0 picks a free one)
              --control-port N  the agent's control API, on 127.0.0.1 (default 9080; 0 picks a free one)
              --background      start the server as a process of its own, wait until it is ready,
                                print its pid and exit
              --help, -h        print this text and exit
            """;
    private static final Duration TICKETS_LAST = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        DemoProgram.named("chat server", USAGE).valueFlags("--port", "--control-port").switchFlags("--background")
                .positionals(Integer.MAX_VALUE).run(args, commandLine -> {
                    if (commandLine.has("--background")) {
                        ChatServerInBackground.start(args, commandLine.fixedPort("--control-port", 9080));
                    } else {
                        serve(commandLine);
                    }
                });
    }

    private static void serve(DemoCommandLine commandLine) throws Exception {
        TicketgateAgent agent = EmbeddedAgentStart.start(TicketgateAgent.builder()
                .playerPort(commandLine.port("--port", 7777))
                .controlPort(commandLine.port("--control-port", 9080))
                .reservationTimeout(TICKETS_LAST)
                .listener(new ChatGame(System.out::println)), "--port", "--control-port");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            stopped.countDown();
        }, "chat-server-stop"));

        GameSession room = agent.createGameSession(CreateGameSessionRequest.builder(8).name("lobby").build());
        String controlApi = "http://127.0.0.1:" + agent.controlPort();
        System.out.println("Chat server on port " + agent.playerPort() + " (control API " + controlApi
                + "), game session " + room.gameSessionId());
        String join = "java -cp " + System.getProperty("java.class.path") + " " + ChatClient.class.getName()
                + " 127.0.0.1 " + agent.playerPort() + " ";
        List<String> names = commandLine.positionals();
        if (names.isEmpty()) {
            System.out.println("No tickets yet. Reserve one as a backend would, for example with aws-cli:");
            System.out.println("  export AWS_ACCESS_KEY_ID=ticketgate AWS_SECRET_ACCESS_KEY=not-checked-yet"
                    + " AWS_DEFAULT_REGION=us-east-1");
            System.out.println("  aws gamelift create-player-session --endpoint-url " + controlApi
                    + " --game-session-id " + room.gameSessionId() + " --player-id player-1 --player-data Zoe");
            System.out.println("then, within " + TICKETS_LAST.toMinutes() + " minutes, join with the"
                    + " PlayerSessionId it prints:");
            System.out.println("  " + join + "PLAYER_SESSION_ID");
        } else {
            System.out.println("Tickets are valid for " + TICKETS_LAST.toMinutes() + " minutes. In other terminals,"
                    + " run:");
            for (int i = 0; i < names.size(); i++) {
                PlayerSession ticket = agent.reservePlayerSession(room.gameSessionId(), "player-" + (i + 1),
                        names.get(i));
                System.out.println("  " + join + ticket.playerSessionId());
            }
        }
        stopped.await();
    }
}
