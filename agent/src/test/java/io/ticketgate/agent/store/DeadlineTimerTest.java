package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeadlineTimerTest {

    private record Due(long sequence, long deadlineNanos) implements PlayerSessionKey {
    }

    private final FakeTime time = new FakeTime();
    private final List<Long> plannedDelaysNanos = new ArrayList<>();
    private final List<Runnable> planned = new ArrayList<>();
    private final List<Long> fired = new ArrayList<>();
    private final Scheduler scheduler = (executor, command, delay, unit) -> {
        plannedDelaysNanos.add(unit.toNanos(delay));
        planned.add(() -> executor.execute(command));
        return CompletableFuture.completedFuture(null);
    };
    private final DeadlineTimer<Due> timer = new DeadlineTimer<>(time::getAsLong, scheduler, Runnable::run,
            Due::deadlineNanos, due -> fired.add(due.sequence()));

    private Due dueIn(long sequence, Duration delay) {
        return new Due(sequence, time.getAsLong() + delay.toNanos());
    }

    @Test
    void firesEachDeadlineOnceItPassesInDeadlineOrder() {
        timer.start(dueIn(1, Duration.ofSeconds(20)));
        timer.start(dueIn(2, Duration.ofSeconds(10)));
        timer.start(dueIn(3, Duration.ofSeconds(10)));

        time.advance(Duration.ofSeconds(9));
        timer.cleanUp();
        assertEquals(List.of(), fired);
        time.advance(Duration.ofSeconds(1));
        timer.cleanUp();
        assertEquals(List.of(2L, 3L), fired);
        time.advance(Duration.ofSeconds(10));
        timer.cleanUp();
        timer.cleanUp();
        assertEquals(List.of(2L, 3L, 1L), fired);
    }

    @Test
    void aCancelledDeadlineNeverFires() {
        Due due = dueIn(1, Duration.ofSeconds(5));
        timer.start(due);
        timer.cancel(due);
        time.advance(Duration.ofSeconds(6));
        timer.cleanUp();
        assertEquals(List.of(), fired);
    }
}
