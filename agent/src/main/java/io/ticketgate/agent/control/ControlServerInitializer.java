package io.ticketgate.agent.control;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.ticketgate.agent.tls.ReloadingTlsContext;

/** Sets up each control connection: TLS if on, HTTP/1.1, a bounded body, an idle timeout, the local API, the router. */
final class ControlServerInitializer extends ChannelInitializer<SocketChannel> {

    /** GameSessionData alone may be 256 Ki characters, up to 1 MiB in UTF-8. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final LocalApiHandler localApi;
    private final ControlRequestHandler handler;
    /** Null for plain HTTP. */
    private final ReloadingTlsContext tls;

    ControlServerInitializer(LocalApiHandler localApi, ControlRequestHandler handler, ReloadingTlsContext tls) {
        this.localApi = localApi;
        this.handler = handler;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast(tls.newHandler(channel.alloc()));
        }
        pipeline.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS));
        pipeline.addLast(new HttpServerCodec());
        pipeline.addLast(new BoundedBodyAggregator(MAX_BODY_BYTES));
        pipeline.addLast(localApi);
        pipeline.addLast(handler);
    }
}
