package io.ticketgate.examples.chat;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/** The players in the room; a line from one is shown to all. */
final class ChatRoom {

    private final ChannelGroup players = new DefaultChannelGroup("chat-room", GlobalEventExecutor.INSTANCE);

    void join(Channel player, String name) {
        broadcast("* " + name + " joined");
        players.add(player);
    }

    void leave(String name) {
        broadcast("* " + name + " left");
    }

    void say(String name, String line) {
        broadcast(name + ": " + line);
    }

    private void broadcast(String line) {
        players.writeAndFlush(line + "\n");
    }
}
