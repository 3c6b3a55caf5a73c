package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.store.SessionEventSink;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StoreSettings;
import io.ticketgate.agent.time.AgentClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the control API's request readers, JSON 1.1 and RPC v2 CBOR, and every operation behind
 * them, with arbitrary bodies. Whatever the bytes, within the time bound per input, each is read
 * into a tree or refused as malformed, each operation answers with an output or a typed GameLift
 * error (never an internal error), and every output can be written back in the same format: no
 * text gets in that could not be sent out again. Corpus replay in every build (the corpus holds
 * the nested-tag body that once took 55 s); {@code JAZZER_FUZZ=1} fuzzes (README, "Fuzzing").
 */
class ControlRequestFuzzTest {

    private static final List<String> OPERATIONS = List.of("CreateGameSession", "DescribeGameSessions",
            "DescribeGameSessionDetails", "UpdateGameSession", "CreatePlayerSession", "CreatePlayerSessions",
            "DescribePlayerSessions");
    private static final SessionStore STORE = new SessionStore(
            new StoreSettings("fleet-local", "local", "000000000000", "127.0.0.1", null, 7777,
                    Duration.ofSeconds(60), Duration.ZERO, Duration.ofDays(1), 10_000, 1_000, 1_000,
                    GameSessionActivation.AUTO, 50),
            new AgentClock(Clock.systemUTC(), System::nanoTime), Scheduler.disabledScheduler(), Runnable::run,
            SessionEventSink.NONE);
    private static final GameLiftOperations OPERATIONS_SERVED = new GameLiftOperations(STORE);
    private static final AwsJson11Format JSON = new AwsJson11Format();
    private static final RpcV2CborFormat CBOR = new RpcV2CborFormat();

    static {
        // A game session the corpus names, so that player session requests reach the store:
        // arn:aws:gamelift:local::gamesession/fleet-local/fuzz
        STORE.createGameSession(CreateGameSessionRequest.builder(200).gameSessionId("fuzz").build());
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void anyJsonBodyGetsATypedAnswer(byte[] body) throws IOException {
        answer(JSON, body);
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void anyCborBodyGetsATypedAnswer(byte[] body) throws IOException {
        answer(CBOR, body);
    }

    private static void answer(WireFormat format, byte[] body) throws IOException {
        JsonNode tree;
        ByteBuf in = Unpooled.wrappedBuffer(body);
        try {
            tree = format.read(in);
        } catch (IOException | TicketgateException refused) {
            return;
        } finally {
            in.release();
        }
        assertNotNull(tree);
        for (String operation : OPERATIONS) {
            Object output;
            try {
                output = OPERATIONS_SERVED.invoke(operation, Members.of(tree));
            } catch (TicketgateException refused) {
                continue;
            }
            ByteBuf reply = Unpooled.wrappedBuffer(format.write(output));
            try {
                assertNotNull(format.read(reply), operation + "'s reply reads back");
            } finally {
                reply.release();
            }
        }
    }
}
