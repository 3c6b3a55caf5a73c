package io.ticketgate.agent.control;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where operations run: body parsing and the store call happen here, on a small pool with a
 * short queue, never on the control event loop, so a heavy body cannot keep {@code /healthz}
 * (or any other connection) waiting. Admission is bounded twice: by the rate limit, and by the
 * queue.
 */
final class OperationWorkers {

    /** Why an operation was not run: both are answered with a {@code ThrottlingException}, which SDKs retry. */
    enum Refusal {
        /** Over the request rate bound: 429. */
        RATE,
        /** Every worker busy and the queue full: 503. */
        BUSY
    }

    private static final Logger LOG = LoggerFactory.getLogger(OperationWorkers.class);
    /** Operations are CPU work when the store keeps sessions in memory only: one worker a core of a small host. */
    static final int THREADS = 2;
    /**
     * With a data dir, a worker spends most of an operation waiting for its fsync, and a batch on
     * disk holds at most one change per waiting worker: with 2, every call paid an fsync of its
     * own. This many calls can share one.
     */
    static final int THREADS_WAITING_FOR_DISK = 32;
    static final int QUEUE = 64;

    private final ThreadPoolExecutor pool;
    private final RequestRateLimiter limiter;

    OperationWorkers(RequestRateLimiter limiter, int threads) {
        this.limiter = limiter;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                new DefaultThreadFactory("ticketgate-control-worker", true));
    }

    /**
     * Runs {@code work} on a worker with the request retained, and releases it after.
     *
     * @return null if the work was queued, else why not (the request is left as it was)
     */
    Refusal submit(ChannelHandlerContext ctx, FullHttpRequest request, Consumer<FullHttpRequest> work) {
        if (!limiter.tryAcquire()) {
            return Refusal.RATE;
        }
        request.retain();
        try {
            pool.execute(() -> {
                try {
                    work.accept(request);
                } catch (RuntimeException e) {
                    // The work answers its own failures; one escaping would leave the client waiting.
                    LOG.error("a control operation failed unanswered; closing its connection", e);
                    ctx.close();
                } finally {
                    request.release();
                }
            });
            return null;
        } catch (RejectedExecutionException e) {
            request.release();
            return Refusal.BUSY;
        }
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
