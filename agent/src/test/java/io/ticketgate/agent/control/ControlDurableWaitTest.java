package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.control.auth.BearerToken;
import io.ticketgate.agent.control.auth.ControlAuthSettings;
import io.ticketgate.agent.control.auth.ControlAuthenticator;
import io.ticketgate.agent.store.SessionEventSink;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StateLog;
import io.ticketgate.agent.store.StoreSettings;
import io.ticketgate.agent.store.StoredState;
import io.ticketgate.agent.time.AgentClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With a data dir, an operation's worker waits for the disk, and the journal's group commit can
 * put into one fsync only the changes whose callers wait together: the control API must let
 * many wait at once, not only as many as it has cores.
 */
@Timeout(30)
class ControlDurableWaitTest {

    /** More callers than the workers a memory-only store gets. */
    private static final int CALLERS = 8;

    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    private ControlServer server;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (server != null) {
            server.shutdown();
        }
    }

    @Test
    void callsWaitingForTheDiskTogetherAreAllServed() throws Exception {
        DiskThatWaitsForCompany disk = new DiskThatWaitsForCompany(CALLERS);
        SessionStore store = new SessionStore(settings(), new AgentClock(Clock.systemUTC(), System::nanoTime),
                Scheduler.disabledScheduler(), Runnable::run, SessionEventSink.NONE, disk);
        String game = store.createGameSession(CreateGameSessionRequest.builder(CALLERS).build()).gameSessionId();
        server = new ControlServer(new InetSocketAddress("127.0.0.1", 0), store,
                new ControlEndpoints(() -> true, () -> ""), (operation, errorType) -> { },
                ControlAuthenticator.of(ControlAuthSettings.NONE, Clock.systemUTC()), BearerToken.of(null),
                ControlLimits.defaults(), null, Clock.systemUTC());
        server.start();
        disk.holdWrites();

        List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            String body = "{\"GameSessionId\":\"" + game + "\",\"PlayerId\":\"player-" + i + "\"}";
            ControlApiClient client = new ControlApiClient(server.localAddress().getPort());
            answers.add(callers.submit(() -> client.json("CreatePlayerSession", body)));
        }
        for (Future<HttpResponse<byte[]>> answer : answers) {
            HttpResponse<byte[]> response = answer.get(20, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), new String(response.body()));
        }
        assertTrue(disk.allWaitedTogether());
    }

    /**
     * A disk whose write completes only once {@code company} callers wait for it: as if they all
     * shared one fsync. Callers who wait in vain (3 s, within the client's timeout) are told the
     * write failed.
     */
    private static final class DiskThatWaitsForCompany implements StateLog {

        private final AtomicLong tickets = new AtomicLong();
        private final CountDownLatch waiting;
        private volatile boolean holding;

        DiskThatWaitsForCompany(int company) {
            this.waiting = new CountDownLatch(company);
        }

        void holdWrites() {
            holding = true;
        }

        boolean allWaitedTogether() {
            return waiting.getCount() == 0;
        }

        @Override
        public long append(StoredState state) {
            return tickets.incrementAndGet();
        }

        @Override
        public void awaitDurable(long ticket) {
            if (!holding) {
                return;
            }
            waiting.countDown();
            try {
                if (!waiting.await(3, TimeUnit.SECONDS)) {
                    throw new UncheckedIOException(new IOException("only " + (CALLERS - waiting.getCount())
                            + " callers reached the disk together"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted"));
            }
        }
    }

    private static StoreSettings settings() {
        return new StoreSettings("fleet-local", "local", "000000000000", "127.0.0.1", null, 7777,
                Duration.ofSeconds(60), Duration.ZERO, Duration.ofDays(1), 1000, 1000, 100,
                GameSessionActivation.AUTO, 50);
    }
}
