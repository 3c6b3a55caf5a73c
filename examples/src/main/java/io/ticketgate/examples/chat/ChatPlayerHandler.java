package io.ticketgate.examples.chat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/** One player's lines, after Ticketgate let them in. */
final class ChatPlayerHandler extends SimpleChannelInboundHandler<String> {

    private final ChatRoom room;
    private final String name;

    ChatPlayerHandler(ChatRoom room, String name) {
        this.room = room;
        this.name = name;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (line.equals("/quit")) {
            ctx.writeAndFlush("Bye, " + name + "!\n").addListener(future -> ctx.close());
            return;
        }
        room.say(name, line);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
