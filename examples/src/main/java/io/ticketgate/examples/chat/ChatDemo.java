package io.ticketgate.examples.chat;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.examples.DemoCommandLine;
import io.ticketgate.examples.DemoProgram;
import io.ticketgate.examples.EmbeddedAgentStart;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The five-minute tour: an embedded chat server, two players who hold tickets and one who
 * doesn't, all on this machine. Run it and read what it prints.
 *
 * <p>{@code java -jar examples/target/ticketgate-chat-demo.jar [--port N] [--control-port N] [--help]}
 */
public final class ChatDemo {

    static final String USAGE = """
            Usage: java -jar ticketgate-chat-demo.jar [--port N] [--control-port N]

            The five-minute tour: starts a chat server with an embedded Ticketgate agent, reserves
            tickets for three players, lets two of them in and turns the others away, then stops.

              --port N          the port players connect to, on 127.0.0.1 (default 7777; 0 picks a free one)
              --control-port N  the agent's control API, on 127.0.0.1 (default 9080; 0 picks a free one)
              --help, -h        print this text and exit
            """;
    private static final PrintStream OUT = System.out;

    public static void main(String[] args) throws Exception {
        DemoProgram.named("chat demo", USAGE).valueFlags("--port", "--control-port").run(args, ChatDemo::run);
    }

    private static void run(DemoCommandLine commandLine) throws Exception {
        TicketgateAgent.Builder builder = TicketgateAgent.builder()
                .playerPort(commandLine.port("--port", 7777))
                .playerBindAddress("127.0.0.1")
                .controlPort(commandLine.port("--control-port", 9080))
                .listener(new ChatGame());
        try (TicketgateAgent agent = EmbeddedAgentStart.start(builder, "--port", "--control-port")) {
            new ChatDemo().run(agent);
        }
        OUT.println();
        OUT.println("Done. The agent stopped; every session it held is now COMPLETED or TIMEDOUT.");
    }

    private void run(TicketgateAgent agent) throws Exception {
        int port = agent.playerPort();
        step("An agent embedded in the chat server listens for players on 127.0.0.1:" + port);

        GameSession room = agent.createGameSession(CreateGameSessionRequest.builder(4).name("lobby").build());
        say("game session  " + room.gameSessionId());
        say("status " + room.status() + ", " + room.maximumPlayerSessionCount() + " slots");

        step("The backend reserves player sessions (tickets) and hands them to players");
        PlayerSession alice = agent.reservePlayerSession(room.gameSessionId(), "player-1", "Alice");
        PlayerSession bob = agent.reservePlayerSession(room.gameSessionId(), "player-2", "Bob");
        PlayerSession mallory = agent.reservePlayerSession(room.gameSessionId(), "player-3", "Mallory");
        for (PlayerSession ticket : new PlayerSession[] {alice, bob, mallory}) {
            say(ticket.playerData() + " holds " + ticket.playerSessionId() + " (" + ticket.status() + ")");
        }

        step("Alice and Bob connect with their tickets: TGT/1 CONNECT, then chat over the same socket");
        try (TgtConnection aliceConnection = TgtClient.connect("127.0.0.1", port, alice.playerSessionId());
                TgtConnection bobConnection = TgtClient.connect("127.0.0.1", port, bob.playerSessionId())) {
            say("Alice got " + aliceConnection.code() + ", Bob got " + bobConnection.code());
            BufferedReader aliceReads = reader(aliceConnection);
            BufferedReader bobReads = reader(bobConnection);
            say("Alice reads: " + aliceReads.readLine());
            say("Bob reads:   " + bobReads.readLine());
            say("Alice's ticket is now " + agent.playerSession(alice.playerSessionId()).orElseThrow().status());

            step("Alice talks, Bob listens");
            Writer aliceWrites = writer(aliceConnection);
            aliceWrites.write("Hi Bob! Nobody without a ticket can get in here.\n");
            aliceWrites.flush();
            String line;
            do {
                line = bobReads.readLine();
            } while (line != null && !line.startsWith("Alice:"));
            say("Bob reads:   " + line);

            step("Gatecrashers are turned away before they reach the game");
            refused(port, "psess-00000000-0000-4000-8000-000000000000", "a forged ticket");
            refused(port, alice.playerSessionId(), "Alice's ticket, while Alice is connected");
            refused(port, mallory.playerSessionId(), "Mallory's ticket (the game vetoes her)");

            step("Bob leaves");
            Writer bobWrites = writer(bobConnection);
            bobWrites.write("/quit\n");
            bobWrites.flush();
            do {
                line = bobReads.readLine();
            } while (line != null && !line.startsWith("Bye"));
            say("Bob reads:   " + line);
            awaitStatus(agent, bob, PlayerSessionStatus.COMPLETED);
            refused(port, bob.playerSessionId(), "Bob's ticket again, after he left");
        }

        step("Every player session of the game session, as DescribePlayerSessions reports it");
        awaitStatus(agent, alice, PlayerSessionStatus.COMPLETED);
        for (PlayerSession session : agent.describePlayerSessions(
                DescribePlayerSessionsRequest.byGameSession(room.gameSessionId())).items()) {
            say(String.format("%-8s %-10s %s", session.playerData(), session.status(), session.playerSessionId()));
        }
    }

    private static void refused(int port, String playerSessionId, String what) throws IOException {
        try (TgtConnection connection = TgtClient.connect("127.0.0.1", port, playerSessionId)) {
            say(String.format("%-44s -> %s: %s", what, connection.code(), connection.detail()));
        }
    }

    /** Disconnects are processed asynchronously; the demo waits a moment for the store to catch up. */
    private static void awaitStatus(TicketgateAgent agent, PlayerSession session, PlayerSessionStatus status)
            throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(5));
        while (agent.playerSession(session.playerSessionId()).orElseThrow().status() != status
                && Instant.now().isBefore(giveUp)) {
            Thread.sleep(10);
        }
    }

    private static BufferedReader reader(TgtConnection connection) throws IOException {
        return new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
    }

    private static Writer writer(TgtConnection connection) throws IOException {
        return new OutputStreamWriter(connection.output(), StandardCharsets.UTF_8);
    }

    private static void step(String title) {
        OUT.println();
        OUT.println("== " + title);
    }

    private static void say(String line) {
        OUT.println("   " + line);
    }
}
