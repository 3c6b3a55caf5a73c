package io.ticketgate.agent.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.control.Shapes.GameSessionShape;
import io.ticketgate.agent.control.Shapes.PlayerSessionShape;
import io.ticketgate.agent.store.SessionEvent;
import io.ticketgate.agent.store.SessionEvent.GameSessionChanged;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.store.SessionEvent.PlayerSessionChanged;
import io.ticketgate.agent.store.SessionEventSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The local API's event stream: every store change as a Server-Sent Event with an id one above
 * the last, kept in a bounded log so a client reconnecting with {@code Last-Event-ID} misses
 * nothing the log still holds. The log does not outlive the process; the ids do not repeat: each
 * run starts them at its start time in microseconds, above any id an earlier run can have
 * reached, so an id from before a restart is recognised as such and answered with
 * {@code events-lost}, never mistaken for one of this run's.
 *
 * <p>The store calls {@link #onEvent} under a game session's lock, on the player's event loop
 * for every handshake: so it only logs the event, under its own short lock, and hands it to each
 * subscriber, which must queue it and return (see {@link Subscriber#deliver}). An event becomes
 * JSON once, shared by every stream: after the hub's lock when streams are listening, or when a
 * reconnecting stream first writes it; with no one listening, never.
 */
final class EventHub implements SessionEventSink {

    /** How many events the log keeps at most. */
    static final int MAX_EVENTS = 10_000;
    /** How many bytes of events the log keeps at most: GameSessionData alone may be 1 MiB. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    /** How many streams may be open at once; each may hold up to its pending bound of events. */
    static final int MAX_SUBSCRIBERS = 64;
    /**
     * What an event's frame takes besides its variable text, a little more than the largest
     * seen (a game session event with every field set is about 700 bytes).
     */
    static final int FIXED_EVENT_BYTES = 1024;

    /** Turns a logged event into its whole SSE frame. */
    @FunctionalInterface
    interface FrameEncoder {
        ByteBuf encode(long id, SessionEvent event);
    }

    /**
     * A logged event as subscribers see it: its whole SSE frame, encoded on first use, in direct
     * memory shared by every subscriber (a heap buffer would be copied to direct memory per
     * subscriber on each write). The memory is the garbage collector's to free, once the log and
     * every write have let go.
     */
    static final class LoggedEvent {
        private final long id;
        private final SessionEvent event;
        private final int size;
        private final FrameEncoder encoder;
        private volatile ByteBuf shared;

        /** An event encoded when first asked for; {@code size} is its estimated frame size. */
        LoggedEvent(long id, SessionEvent event, int size, FrameEncoder encoder) {
            this.id = id;
            this.event = event;
            this.size = size;
            this.encoder = encoder;
        }

        /** A frame encoded now: one that is not a store change. */
        LoggedEvent(long id, byte[] head, byte[] data) {
            this.id = id;
            this.event = null;
            this.encoder = null;
            this.shared = sharedFrame(head, data);
            this.size = shared.readableBytes();
        }

        long id() {
            return id;
        }

        /** The frame's size for the log's and a stream's bounds: for a store change, its estimate. */
        int size() {
            return size;
        }

        /** A new buffer over the frame, sharing its bytes; the first call encodes it. */
        ByteBuf frame() {
            return encode().duplicate();
        }

        /** Sets the frame, encoded by the hub, unless it already is. */
        synchronized void encoded(byte[] head, byte[] data) {
            if (shared == null) {
                shared = sharedFrame(head, data);
            }
        }

        private ByteBuf encode() {
            ByteBuf frame = shared;
            if (frame == null) {
                synchronized (this) {
                    frame = shared;
                    if (frame == null) {
                        frame = encoder.encode(id, event);
                        shared = frame;
                    }
                }
            }
            return frame;
        }
    }

    /** A live stream. */
    interface Subscriber {

        /** Called under the hub's lock, in id order, from any thread: queue the event, never block. */
        void deliver(LoggedEvent event);
    }

    /**
     * What a new subscriber is sent before live events.
     *
     * @param lost non-null when events after the client's last one are gone: the frame saying so
     * @param events every retained event after the client's last one
     */
    record Backlog(LoggedEvent lost, List<LoggedEvent> events) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventData(
            @JsonProperty("GameSession") GameSessionShape gameSession,
            @JsonProperty("PlayerSession") PlayerSessionShape playerSession,
            @JsonProperty("Reason") String reason) {
    }

    record StreamClosed(@JsonProperty("Reason") String reason, @JsonProperty("Message") String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventsLost(@JsonProperty("LastEventId") long lastEventId, @JsonProperty("OldestEventId") Long oldest) {
    }

    private final WireFormat json;
    private final String region;
    private final int maxSubscribers;

    private final EventRing log;
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();
    /** Whether any stream is subscribed; read without the lock, as a hint. */
    private volatile boolean listening;
    private long lastId;

    EventHub(WireFormat json, String region, long firstId) {
        this(json, region, firstId, MAX_EVENTS, MAX_BYTES, MAX_SUBSCRIBERS);
    }

    EventHub(WireFormat json, String region, long firstId, int maxEvents, long maxBytes, int maxSubscribers) {
        this.lastId = firstId - 1;
        this.json = json;
        this.region = region;
        this.maxSubscribers = maxSubscribers;
        this.log = new EventRing(maxEvents, maxBytes, firstId, this::encode);
    }

    @Override
    public void onEvent(SessionEvent event) {
        int size = estimatedSize(event);
        // Streams listening: encoded here, by the thread that made the change and before the
        // hub's lock, not all on the control server's one event loop, which a busy store would
        // leave behind. A stream that subscribes meanwhile gets the event encoded when it writes it.
        byte[] data = listening ? dataLine(json.write(data(event))) : null;
        synchronized (this) {
            lastId++;
            log.add(event, size);
            if (subscribers.isEmpty()) {
                return;
            }
            LoggedEvent logged = log.newest();
            if (data != null) {
                logged.encoded(head(logged.id(), event), data);
            }
            for (Subscriber subscriber : subscribers) {
                subscriber.deliver(logged);
            }
        }
    }

    /**
     * Registers a subscriber and returns what it missed, atomically: every later event reaches
     * it through {@link Subscriber#deliver}.
     *
     * @param lastEventId the last id the client has seen, or null for live events only
     */
    synchronized Backlog subscribe(Subscriber subscriber, Long lastEventId) {
        subscribers.add(subscriber);
        listening = true;
        if (lastEventId == null) {
            return new Backlog(null, List.of());
        }
        long oldest = log.oldestId();
        // An id beyond the last is from an earlier run of the agent: all of this run's events are news.
        boolean lost = lastEventId < oldest - 1 || lastEventId > lastId;
        List<LoggedEvent> missed = log.after(lost ? oldest - 1 : lastEventId);
        LoggedEvent lostFrame = !lost ? null : new LoggedEvent(0, ascii("event: events-lost\n"),
                dataLine(json.write(new EventsLost(lastEventId, log.isEmpty() ? null : oldest))));
        return new Backlog(lostFrame, missed);
    }

    synchronized void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
        listening = !subscribers.isEmpty();
    }

    synchronized int subscriberCount() {
        return subscribers.size();
    }

    int maxSubscribers() {
        return maxSubscribers;
    }

    /** The frame that ends a stream the agent closes, saying why. */
    LoggedEvent closingFrame(String reason, String message) {
        return new LoggedEvent(0, ascii("event: stream-closed\n"),
                dataLine(json.write(new StreamClosed(reason, message))));
    }

    /**
     * The first event id of a run started at {@code clock}'s now: its epoch microseconds (well
     * within JavaScript's exact integers until the year 2255). A run would have to average over a
     * million events a second to reach the next run's first id.
     */
    static long firstIdAt(Clock clock) {
        return clock.millis() * 1000 + 1;
    }

    /** Returns the id of the last event, one below the first before there is one. */
    synchronized long lastId() {
        return lastId;
    }

    /** The event's whole SSE frame; called at most once per logged event, from any thread. */
    private ByteBuf encode(long id, SessionEvent event) {
        return sharedFrame(head(id, event), dataLine(json.write(data(event))));
    }

    private static byte[] head(long id, SessionEvent event) {
        return ascii("id: " + id + "\nevent: " + type(event) + "\n");
    }

    private static ByteBuf sharedFrame(byte[] head, byte[] data) {
        ByteBuffer direct = ByteBuffer.allocateDirect(head.length + data.length);
        direct.put(head).put(data).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
    }

    /**
     * About how many bytes the event's frame will take, without encoding it: what bounds the log
     * and a slow stream. Counted in characters, so text outside ASCII may encode larger.
     */
    static int estimatedSize(SessionEvent event) {
        long size = FIXED_EVENT_BYTES;
        if (event instanceof GameSessionChanged game) {
            GameSession s = game.session();
            size += length(s.gameSessionId()) + length(s.name()) + length(s.fleetArn()) + length(s.dnsName())
                    + length(s.gameSessionData()) + length(s.creatorId());
            for (GameProperty property : s.gameProperties()) {
                size += 32 + property.key().length() + property.value().length();
            }
        } else {
            PlayerSessionChanged player = (PlayerSessionChanged) event;
            PlayerSession s = player.session();
            size += length(s.playerSessionId()) + length(s.playerId()) + length(s.gameSessionId())
                    + length(s.fleetArn()) + length(s.dnsName());
            if (player.change() == PlayerChange.ACTIVATED) {
                size += length(s.playerData());
            }
        }
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private Object data(SessionEvent event) {
        if (event instanceof GameSessionChanged game) {
            return new EventData(GameSessionShape.of(game.session(), region), null, null);
        }
        PlayerSessionChanged player = (PlayerSessionChanged) event;
        PlayerSession session = player.change() == PlayerChange.ACTIVATED ? player.session()
                : withoutPlayerData(player.session());
        return new EventData(null, PlayerSessionShape.of(session),
                player.reason() == null ? null : player.reason().name());
    }

    /** The SSE event type; a reconnect grace running out completes the session like any other end. */
    static String type(SessionEvent event) {
        if (event instanceof GameSessionChanged game) {
            return switch (game.change()) {
                case CREATED -> "game-session-created";
                case ACTIVATED -> "game-session-activated";
                case UPDATED -> "game-session-updated";
                case ENDED -> "game-session-ended";
            };
        }
        return switch (((PlayerSessionChanged) event).change()) {
            case RESERVED -> "player-session-reserved";
            case ACTIVATED -> "player-session-activated";
            case RECONNECTED -> "player-session-reconnected";
            case DISCONNECTED -> "player-session-disconnected";
            case COMPLETED, GRACE_EXPIRED -> "player-session-completed";
            case TIMED_OUT -> "player-session-timed-out";
            case RELEASED -> "player-session-released";
        };
    }

    private static PlayerSession withoutPlayerData(PlayerSession s) {
        return new PlayerSession(s.playerSessionId(), s.playerId(), s.gameSessionId(), s.fleetId(), s.fleetArn(),
                s.creationTime(), s.terminationTime(), s.status(), s.ipAddress(), s.dnsName(), s.port(), null);
    }

    /** {@code data: <json>} and the blank line ending the event; the mapper writes JSON on one line. */
    private static byte[] dataLine(byte[] json) {
        byte[] line = new byte[6 + json.length + 2];
        System.arraycopy(ascii("data: "), 0, line, 0, 6);
        System.arraycopy(json, 0, line, 6, json.length);
        line[line.length - 2] = '\n';
        line[line.length - 1] = '\n';
        return line;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
