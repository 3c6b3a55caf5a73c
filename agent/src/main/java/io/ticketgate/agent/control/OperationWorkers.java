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
    static final int THREADS = 2;
    static final int QUEUE = 64;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), new DefaultThreadFactory("ticketgate-control-worker", true));
    private final RequestRateLimiter limiter;

    OperationWorkers(RequestRateLimiter limiter) {
        this.limiter = limiter;
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
