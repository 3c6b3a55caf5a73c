package io.ticketgate.agent.control;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.ticketgate.agent.ControlLimits;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sets up each control connection: within the connection cap, deadlines, HTTP/1.1, a bounded
 * body, one request at a time, the local API, the router.
 */
final class ControlServerInitializer extends ChannelInitializer<SocketChannel> {

    static final String DEADLINES = "deadlines";
    static final String PROGRESS = "request-progress";
    static final String FLOW_CONTROL = "flow-control";

    private final ControlLimits limits;
    private final ControlRequestObserver observer;
    private final LocalApiHandler localApi;
    private final ControlRequestHandler handler;
    private final AtomicInteger open = new AtomicInteger();

    ControlServerInitializer(ControlLimits limits, ControlRequestObserver observer, LocalApiHandler localApi,
            ControlRequestHandler handler) {
        this.limits = limits;
        this.observer = observer;
        this.localApi = localApi;
        this.handler = handler;
    }

    /** Returns the open control connections. */
    int openConnections() {
        return open.get();
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            // Closed at once, before it can cost more than the accept: a flood must not use up
            // the descriptors the player port needs.
            open.decrementAndGet();
            observer.refused("connections");
            channel.close();
            return;
        }
        channel.closeFuture().addListener(future -> open.decrementAndGet());
        RequestDeadlines deadlines = new RequestDeadlines(limits, observer);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(DEADLINES, deadlines);
        pipeline.addLast(new HttpServerCodec());
        pipeline.addLast(PROGRESS, deadlines.progress());
        pipeline.addLast(new BoundedBodyAggregator(limits, observer));
        pipeline.addLast(FLOW_CONTROL, new FlowControlHandler());
        pipeline.addLast(OneRequestAtATime.INSTANCE);
        pipeline.addLast(localApi);
        pipeline.addLast(handler);
    }
}
