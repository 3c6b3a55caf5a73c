package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.protocol.ResultCode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An embedded agent with {@code dataDirectory}: stopped and started again, on real sockets. */
@Timeout(30)
class DataDirectoryAgentTest {

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();
    private TicketgateAgent running;

    private TicketgateAgent start() {
        running = TicketgateAgent.builder()
                .playerPort(0)
                .controlPort(0)
                .playerBindAddress("127.0.0.1")
                .clock(time)
                .ticker(time)
                .dataDirectory(dir)
                .listener((session, connection) -> Admission.accepted())
                .build()
                .start();
        return running;
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    void aReservationOutlivesARestartOfTheAgentAndThePlayerGetsIn() throws Exception {
        TicketgateAgent first = start();
        String gameSessionId = first.createGameSession(CreateGameSessionRequest.builder(4).build()).gameSessionId();
        PlayerSession waiting = first.reservePlayerSession(gameSessionId, "waiting", "{\"skin\":\"blue\"}");
        PlayerSession playing = first.reservePlayerSession(gameSessionId, "playing", null);
        try (PlayerSocket player = PlayerSocket.open(first.playerAddress())) {
            assertEquals(ResultCode.ACCEPTED, player.connect(playing.playerSessionId()).code());
        }
        first.stop();
        time.advance(Duration.ofSeconds(20));

        TicketgateAgent second = start();
        PlayerSession restored = second.playerSession(waiting.playerSessionId()).orElseThrow();
        assertEquals(PlayerSessionStatus.RESERVED, restored.status());
        assertEquals(waiting.creationTime(), restored.creationTime());
        assertEquals(waiting.playerData(), restored.playerData());
        assertEquals(second.playerPort(), restored.port(), "where players connect now: this run's port");
        assertEquals(PlayerSessionStatus.COMPLETED,
                second.playerSession(playing.playerSessionId()).orElseThrow().status());
        try (PlayerSocket player = PlayerSocket.open(second.playerAddress())) {
            assertEquals(ResultCode.ACCEPTED, player.connect(waiting.playerSessionId()).code());
        }
    }

    @Test
    void aSecondAgentOnTheSameDirectoryDoesNotStartAndSaysWhy() throws Exception {
        TicketgateAgent first = start();
        TicketgateAgent second = TicketgateAgent.builder()
                .playerPort(0)
                .controlApi(false)
                .playerBindAddress("127.0.0.1")
                .dataDirectory(dir)
                .listener((session, connection) -> Admission.accepted())
                .build();
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, second::start);
        assertTrue(refused.getMessage().contains("another agent is using it (it holds the lock "
                + dir.toAbsolutePath().resolve("lock") + ")"), refused.getMessage());
        String gameSessionId = first.createGameSession(CreateGameSessionRequest.builder(1).build()).gameSessionId();
        assertEquals(GameSessionStatus.ACTIVE, first.gameSession(gameSessionId).orElseThrow().status(),
                "the first agent serves on");
    }

    @Test
    void metricsShowTheDataDirWritingAndHealthy() throws Exception {
        TicketgateAgent agent = start();
        String gameSessionId = agent.createGameSession(CreateGameSessionRequest.builder(4).build()).gameSessionId();
        agent.reservePlayerSession(gameSessionId, "p1", null);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agent.controlPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(sample(metrics, "ticketgate_data_batches_total") >= 1, metrics);
        assertTrue(sample(metrics, "ticketgate_data_bytes") > 0, metrics);
        assertEquals(0, sample(metrics, "ticketgate_data_failed"), metrics);
        assertEquals(0, sample(metrics, "ticketgate_data_compactions_total"), metrics);
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(
                line -> Double.parseDouble(line.substring(name.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing"));
    }
}
