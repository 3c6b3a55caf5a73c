package io.ticketgate.examples.chat;

import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A terminal chat client: joins with a ticket, then sends what you type and prints what the
 * room says. {@code /quit} leaves.
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.chat.ChatClient HOST PORT PLAYER_SESSION_ID}
 */
public final class ChatClient {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ChatClient HOST PORT PLAYER_SESSION_ID");
            System.exit(2);
        }
        try (TgtConnection connection = TgtClient.connect(args[0], Integer.parseInt(args[1]), args[2])) {
            if (!connection.accepted()) {
                System.err.println("refused: " + connection.code() + " " + connection.detail());
                System.exit(1);
            }
            Thread printer = new Thread(() -> printLines(connection), "chat-client-reader");
            printer.setDaemon(true);
            printer.start();
            OutputStream out = connection.output();
            BufferedReader keyboard = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = keyboard.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (line.equals("/quit")) {
                    break;
                }
            }
            printer.join(2_000);
        }
    }

    private static void printLines(TgtConnection connection) {
        try (BufferedReader room = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = room.readLine()) != null) {
                System.out.println(line);
            }
        } catch (Exception e) {
            System.err.println("connection closed: " + e.getMessage());
        }
    }
}
