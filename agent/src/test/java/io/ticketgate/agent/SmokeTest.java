package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.buffer.ByteBuf;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SmokeTest {

    @Test
    void echo() throws Exception {
        TicketgateListener listener = (session, connection) -> {
            connection.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                    ctx.writeAndFlush(msg.retain());
                }
            });
            return Admission.accepted();
        };
        try (TicketgateAgent agent = TicketgateAgent.builder().playerPort(0).controlPort(0).listener(listener).build().start()) {
            GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(4).build());
            PlayerSession ticket = agent.reservePlayerSession(game.gameSessionId(), "p1", "Alice");
            try (Socket socket = new Socket("127.0.0.1", agent.playerPort())) {
                OutputStream out = socket.getOutputStream();
                byte[] connect = new ConnectFrame(ticket.playerSessionId()).toBytes();
                byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
                byte[] both = new byte[connect.length + hello.length];
                System.arraycopy(connect, 0, both, 0, connect.length);
                System.arraycopy(hello, 0, both, connect.length, hello.length);
                out.write(both);
                out.flush();
                InputStream in = socket.getInputStream();
                assertEquals(ResultCode.ACCEPTED, ResultFrame.read(in).code());
                assertEquals("hello", new String(in.readNBytes(5), StandardCharsets.UTF_8));
            }
            assertEquals(PlayerSessionStatus.ACTIVE, agent.playerSession(ticket.playerSessionId()).orElseThrow().status());
        }
    }
}
