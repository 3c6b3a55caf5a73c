package io.ticketgate.agent;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.net.SocketAddress;

/**
 * A player's TCP connection, handed to the game once the player's session was validated.
 *
 * <p>Extend {@link #pipeline()} with the game's own handlers inside
 * {@link TicketgateListener#onPlayerAccepted}. Bytes the player sent after CONNECT, including
 * those pipelined before the RESULT, reach those handlers in order once the admission completes
 * with {@link Admission#accept()}. Anything the game writes before that is held back and sent
 * right after the ACCEPTED result, never before it.
 */
public interface PlayerConnection {

    /** Returns the Netty channel of the connection. */
    Channel channel();

    /** Returns the channel's pipeline, for the game's handlers. */
    default ChannelPipeline pipeline() {
        return channel().pipeline();
    }

    /** Returns the player's address. */
    default SocketAddress remoteAddress() {
        return channel().remoteAddress();
    }

    /**
     * Returns true if the player came back to an ACTIVE session within the reconnect grace,
     * after an earlier connection of the same session dropped.
     */
    boolean isReconnect();

    /** Closes the connection; the player session ends as on any disconnect. */
    default void close() {
        channel().close();
    }
}
