package io.ticketgate.examples.chat;

import io.ticketgate.examples.DemoCommandLine;
import io.ticketgate.examples.DemoProgram;
import io.ticketgate.examples.DemoUsageException;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A terminal chat client: joins with a ticket, then sends what you type and prints what the
 * room says. {@code /quit}, or the end of its input, leaves: a scripted player
 * ({@code echo hi | ChatClient ...}) leaves as cleanly as one who typed {@code /quit}.
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.chat.ChatClient
 * [--help] HOST PORT PLAYER_SESSION_ID}
 */
public final class ChatClient {

    static final String USAGE = """
            Usage: java -cp ticketgate-chat-demo.jar io.ticketgate.examples.chat.ChatClient
                       HOST PORT PLAYER_SESSION_ID

            Joins the chat server at HOST:PORT with a ticket (a player session id), then sends each
            line you type and prints what the room says. /quit, or the end of the input, leaves.
            Exits 0 after leaving, 1 if the server cannot be reached or refuses the ticket.

              --help, -h  print this text and exit
            """;
    private static final String QUIT = "/quit";
    /** How long the room has to say goodbye and close after /quit. */
    private static final long GOODBYE_MILLIS = 10_000;

    public static void main(String[] args) throws Exception {
        DemoProgram.named("chat client", USAGE).positionals(3).run(args, ChatClient::join);
    }

    private static void join(DemoCommandLine commandLine) throws Exception {
        List<String> given = commandLine.positionals();
        if (given.size() != 3) {
            throw new DemoUsageException("expects HOST PORT PLAYER_SESSION_ID; --help says more");
        }
        String host = given.get(0);
        int port = DemoCommandLine.portNumber("PORT", given.get(1), 1);
        TgtConnection connection;
        try {
            connection = TgtClient.connect(host, port, given.get(2));
        } catch (IOException e) {
            throw new DemoUsageException("cannot reach " + host + ":" + port + ": " + e.getMessage()
                    + " (is the chat server running?)", 1);
        }
        try (connection) {
            if (!connection.accepted()) {
                throw new DemoUsageException("refused: " + connection.code() + " " + connection.detail(), 1);
            }
            chat(connection);
        }
    }

    /** Sends the keyboard's lines until /quit or the end of input, then prints the room until it closes. */
    private static void chat(TgtConnection connection) throws IOException, InterruptedException {
        Thread printer = new Thread(() -> printLines(connection), "chat-client-reader");
        printer.setDaemon(true);
        printer.start();
        OutputStream out = connection.output();
        BufferedReader keyboard = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        do {
            String typed = keyboard.readLine();
            line = typed != null ? typed : QUIT;
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } while (!line.equals(QUIT));
        printer.join(GOODBYE_MILLIS);
    }

    private static void printLines(TgtConnection connection) {
        try (BufferedReader room = new BufferedReader(new InputStreamReader(connection.input(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = room.readLine()) != null) {
                System.out.println(line);
            }
        } catch (IOException e) {
            System.err.println("chat client: connection closed: " + e.getMessage());
        }
    }
}
