package io.ticketgate.agent.player;

import io.netty.channel.Channel;
import io.ticketgate.agent.PlayerConnection;

/** The {@link PlayerConnection} handed to the game. */
record NettyPlayerConnection(Channel channel, boolean isReconnect) implements PlayerConnection {

    @Override
    public String toString() {
        return "PlayerConnection[" + channel.remoteAddress() + (isReconnect ? ", reconnect]" : "]");
    }
}
