package io.ticketgate.examples.chat;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerConnection;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.TicketgateListener;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The game side of the chat room: Ticketgate calls it when a player with a valid ticket
 * connects. It greets the player by the name the backend put in PlayerData, and turns away
 * players whose name is on the ban list.
 */
public final class ChatGame implements TicketgateListener {

    private final ChatRoom room = new ChatRoom();
    private final Set<String> inRoom = ConcurrentHashMap.newKeySet();
    private final Consumer<String> console;

    /** A game that keeps quiet: the chat demo prints its own story. */
    public ChatGame() {
        this(line -> { });
    }

    /**
     * @param console told one line when a player joins and when one leaves, with the player
     *     session's status as the agent passes it
     */
    public ChatGame(Consumer<String> console) {
        this.console = console;
    }

    @Override
    public CompletionStage<Admission> onPlayerAccepted(PlayerSession session, PlayerConnection connection) {
        String name = nameOf(session);
        if (name.equalsIgnoreCase("mallory")) {
            return Admission.rejected("Mallory is banned from this room");
        }
        ChannelPipeline pipeline = connection.pipeline();
        pipeline.addLast(new LineBasedFrameDecoder(1024));
        pipeline.addLast(new StringDecoder(StandardCharsets.UTF_8));
        pipeline.addLast(new StringEncoder(StandardCharsets.UTF_8));
        pipeline.addLast(new ChatPlayerHandler(room, name));
        // Held by Ticketgate until the ACCEPTED result is out, so it cannot overtake it.
        connection.channel().writeAndFlush("Welcome, " + name + "!\n");
        room.join(connection.channel(), name);
        inRoom.add(session.playerSessionId());
        console.accept(name + " joined: " + session.playerSessionId() + " is " + session.status());
        return Admission.accepted();
    }

    @Override
    public void onPlayerDisconnected(PlayerSession session, DisconnectReason reason) {
        // Also called after a veto; only players who joined are announced leaving.
        if (inRoom.remove(session.playerSessionId())) {
            room.leave(nameOf(session));
            console.accept(nameOf(session) + " left: " + session.playerSessionId() + " is " + session.status());
        }
    }

    private static String nameOf(PlayerSession session) {
        return session.playerData() != null ? session.playerData() : session.playerId();
    }
}
