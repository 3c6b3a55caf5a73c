package io.ticketgate.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChatGameTest {

    private TicketgateAgent agent;
    private GameSession room;

    @BeforeEach
    void startServer() {
        agent = TicketgateAgent.builder().playerPort(0).playerBindAddress("127.0.0.1").controlPort(0)
                .listener(new ChatGame())
                .build().start();
        room = agent.createGameSession(CreateGameSessionRequest.builder(4).name("lobby").build());
    }

    @AfterEach
    void stopServer() {
        agent.stop();
    }

    @Test
    void playersAreGreetedByTheirPlayerDataAndHearEachOther() throws IOException {
        PlayerSession alice = agent.reservePlayerSession(room.gameSessionId(), "p1", "Alice");
        PlayerSession bob = agent.reservePlayerSession(room.gameSessionId(), "p2", "Bob");
        try (TgtConnection aliceConnection = connect(alice); TgtConnection bobConnection = connect(bob)) {
            BufferedReader aliceReads = reader(aliceConnection);
            BufferedReader bobReads = reader(bobConnection);
            assertEquals("Welcome, Alice!", aliceReads.readLine());
            assertEquals("Welcome, Bob!", bobReads.readLine());
            aliceConnection.output().write("hi\n".getBytes(StandardCharsets.UTF_8));
            String line;
            do {
                line = bobReads.readLine();
            } while (line != null && !line.startsWith("Alice:"));
            assertEquals("Alice: hi", line);
        }
    }

    @Test
    void malloryIsTurnedAwayByTheGame() throws IOException {
        PlayerSession mallory = agent.reservePlayerSession(room.gameSessionId(), "p3", "Mallory");
        try (TgtConnection connection = connect(mallory)) {
            assertEquals(ResultCode.REJECTED_BY_GAME, connection.code());
            assertTrue(connection.detail().contains("banned"), connection.detail());
        }
    }

    private TgtConnection connect(PlayerSession ticket) throws IOException {
        return TgtClient.connect("127.0.0.1", agent.playerPort(), ticket.playerSessionId());
    }

    private static BufferedReader reader(TgtConnection connection) throws IOException {
        return new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
    }
}
