package io.ticketgate.examples.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Closed-loop callers of a control API: each sends its next call when the last one is answered,
 * on a kept-alive connection of its own; all start and stop together. A warm-up, then the
 * measured time; a call under way at the end counts, and so does its time.
 */
public final class ClosedLoop {

    /** One call, made by one caller on its own connection. */
    @FunctionalInterface
    public interface Call {
        AwsJsonCaller.Answer make(AwsJsonCaller wire) throws Exception;
    }

    /**
     * What the callers measured in one round.
     *
     * @param cpuNanos the CPU time the servers metered spent over the measured time; 0 if not metered
     */
    public record Round(long calls, long errors, String firstError, Duration elapsed, Latencies latencies,
            long cpuNanos) {

        public double rate() {
            return calls / (elapsed.toNanos() / 1e9);
        }

        /** Server CPU time per measured call, in microseconds. */
        public double cpuMicrosPerCall() {
            return calls == 0 ? 0 : cpuNanos / 1e3 / calls;
        }
    }

    private final Duration warmUp;
    private final Duration length;

    public ClosedLoop(Duration warmUp, Duration length) {
        this.warmUp = warmUp;
        this.length = length;
    }

    /**
     * Runs {@code callers} callers on {@code threads}.
     *
     * @param controlPorts the control port caller {@code i} calls
     * @param calls caller {@code i}'s call (a fresh one each, for calls that keep state)
     */
    public Round measure(ExecutorService threads, int callers, IntFunction<Integer> controlPorts,
            IntFunction<Call> calls) throws InterruptedException, ExecutionException {
        return measure(threads, callers, controlPorts, calls, () -> 0);
    }

    /**
     * Runs {@code callers} callers on {@code threads}, and meters the servers' CPU time over the
     * measured time (from the end of the warm-up to the last answer).
     *
     * @param cpuNanos the servers' CPU time so far, user and system
     */
    public Round measure(ExecutorService threads, int callers, IntFunction<Integer> controlPorts,
            IntFunction<Call> calls, LongSupplier cpuNanos) throws InterruptedException, ExecutionException {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long measureUntil = measureFrom + length.toNanos();
        List<Future<Round>> running = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            AwsJsonCaller wire = new AwsJsonCaller(controlPorts.apply(i));
            Call call = calls.apply(i);
            running.add(threads.submit(() -> callLoop(wire, call, measureFrom, measureUntil)));
        }
        // The warm-up's CPU is not the measured calls': wait for its end, then read the meter.
        for (long left; (left = measureFrom - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
        long cpuBefore = cpuNanos.getAsLong();
        List<Round> rounds = new ArrayList<>();
        for (Future<Round> caller : running) {
            rounds.add(caller.get());
        }
        long cpu = cpuNanos.getAsLong() - cpuBefore;
        Latencies latencies = new Latencies();
        rounds.forEach(round -> latencies.addAll(round.latencies()));
        long measured = rounds.stream().mapToLong(round -> round.elapsed().toNanos()).max().orElse(0);
        return new Round(rounds.stream().mapToLong(Round::calls).sum(), rounds.stream().mapToLong(Round::errors).sum(),
                rounds.stream().map(Round::firstError).filter(error -> error != null).findFirst().orElse(null),
                Duration.ofNanos(Math.max(measured, length.toNanos())), latencies, cpu);
    }

    /** One caller: calls until {@code until}, counting only the calls sent from {@code from} on. */
    private static Round callLoop(AwsJsonCaller wire, Call call, long from, long until) throws Exception {
        long calls = 0;
        long errors = 0;
        String firstError = null;
        Latencies latencies = new Latencies();
        long now = System.nanoTime();
        while (now < until) {
            long sentAt = System.nanoTime();
            AwsJsonCaller.Answer answer = call.make(wire);
            now = System.nanoTime();
            if (sentAt >= from) {
                calls++;
                latencies.add(now - sentAt);
                if (answer.status() != 200 || !answer.body().contains("\"PlayerSessionId\"")) {
                    errors++;
                    firstError = firstError != null ? firstError : answer.status() + " " + answer.body();
                }
            }
        }
        return new Round(calls, errors, firstError, Duration.ofNanos(now - from), latencies, 0);
    }
}
