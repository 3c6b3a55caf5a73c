package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.store.SessionEvent;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.store.SessionEvent.PlayerSessionChanged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the hub costs the store: an event nobody listens to is logged, never encoded; one that
 * streams do hear is encoded once, by the first stream that writes it, whatever their number.
 */
class EventHubTest {

    private static final long FIRST_ID = 1_000;

    private final CountingFormat json = new CountingFormat(new LocalJsonFormat(new AwsJson11Format()));

    @Test
    void eventsNobodyListensToAreNeverEncoded() {
        EventHub hub = new EventHub(json, "local", FIRST_ID);
        for (int i = 0; i < 1_000; i++) {
            hub.onEvent(reserved("psess-" + i));
        }
        assertEquals(0, json.writes);
        assertEquals(FIRST_ID + 999, hub.lastId());
    }

    @Test
    void aResumingClientGetsWhatItMissedEncodedOnceForEveryone() {
        EventHub hub = new EventHub(json, "local", FIRST_ID);
        for (int i = 0; i < 5; i++) {
            hub.onEvent(reserved("psess-" + i));
        }
        EventHub.Backlog first = hub.subscribe(event -> { }, FIRST_ID + 1);
        EventHub.Backlog second = hub.subscribe(event -> { }, FIRST_ID + 1);
        assertNull(first.lost());
        assertEquals(List.of(FIRST_ID + 2, FIRST_ID + 3, FIRST_ID + 4), ids(first.events()));
        assertEquals(0, json.writes, "nothing encoded before a stream writes it");

        String frame = text(first.events().get(0).frame());
        assertTrue(frame.startsWith("id: " + (FIRST_ID + 2) + "\nevent: player-session-reserved\ndata: {"), frame);
        assertTrue(frame.contains("\"PlayerSessionId\":\"psess-2\""), frame);
        assertTrue(frame.endsWith("}\n\n"), frame);
        assertEquals(frame, text(second.events().get(0).frame()));
        assertEquals(1, json.writes, "one encoding shared by both streams");
    }

    @Test
    void liveEventsReachEverySubscriberInOrderAsOneSharedEvent() {
        EventHub hub = new EventHub(json, "local", FIRST_ID);
        List<EventHub.LoggedEvent> heardByOne = new ArrayList<>();
        List<EventHub.LoggedEvent> heardByOther = new ArrayList<>();
        hub.subscribe(heardByOne::add, null);
        hub.subscribe(heardByOther::add, null);
        hub.onEvent(reserved("psess-a"));
        hub.onEvent(reserved("psess-b"));
        assertEquals(List.of(FIRST_ID, FIRST_ID + 1), ids(heardByOne));
        assertSame(heardByOne.get(1), heardByOther.get(1));
        heardByOne.forEach(EventHub.LoggedEvent::frame);
        heardByOther.forEach(EventHub.LoggedEvent::frame);
        assertEquals(2, json.writes);
    }

    @Test
    void theLogKeepsTheNewestEventsWithinItsBoundsAndSaysWhenOlderOnesAreGone() {
        EventHub hub = new EventHub(json, "local", FIRST_ID, 4, EventHub.MAX_BYTES, EventHub.MAX_SUBSCRIBERS);
        for (int i = 0; i < 10; i++) {
            hub.onEvent(reserved("psess-" + i));
        }
        EventHub.Backlog backlog = hub.subscribe(event -> { }, FIRST_ID);
        assertEquals(List.of(FIRST_ID + 6, FIRST_ID + 7, FIRST_ID + 8, FIRST_ID + 9), ids(backlog.events()));
        String lost = text(backlog.lost().frame());
        assertTrue(lost.contains("\"LastEventId\":" + FIRST_ID) && lost.contains("\"OldestEventId\":" + (FIRST_ID + 6)),
                lost);
        assertTrue(text(backlog.events().get(3).frame()).contains("psess-9"));

        EventHub byBytes = new EventHub(json, "local", FIRST_ID, 100, 3L * EventHub.FIXED_EVENT_BYTES + 500,
                EventHub.MAX_SUBSCRIBERS);
        for (int i = 0; i < 10; i++) {
            byBytes.onEvent(reserved("psess-" + i));
        }
        assertEquals(List.of(FIRST_ID + 7, FIRST_ID + 8, FIRST_ID + 9),
                ids(byBytes.subscribe(event -> { }, FIRST_ID + 6).events()));
    }

    @Test
    void theSizeOfAnEventIsEstimatedAboveWhatItEncodesTo() {
        EventHub hub = new EventHub(json, "local", FIRST_ID);
        List<EventHub.LoggedEvent> heard = new ArrayList<>();
        hub.subscribe(heard::add, null);
        SessionEvent activated = new PlayerSessionChanged(session("psess-x", "d".repeat(10_000)),
                PlayerChange.ACTIVATED, null);
        hub.onEvent(activated);
        int encoded = heard.get(0).frame().readableBytes();
        assertTrue(encoded > 10_000 && heard.get(0).size() >= encoded,
                "estimated " + heard.get(0).size() + ", encoded " + encoded);
    }

    private static SessionEvent reserved(String playerSessionId) {
        return new PlayerSessionChanged(session(playerSessionId, "secret"), PlayerChange.RESERVED, null);
    }

    private static PlayerSession session(String playerSessionId, String playerData) {
        return new PlayerSession(playerSessionId, "player", "gsess-1", "fleet-local",
                "arn:aws:gamelift:local::fleet/fleet-local", Instant.ofEpochSecond(1_700_000_000), null,
                PlayerSessionStatus.RESERVED, "127.0.0.1", null, 7777, playerData);
    }

    private static List<Long> ids(List<EventHub.LoggedEvent> events) {
        return events.stream().map(EventHub.LoggedEvent::id).toList();
    }

    private static String text(ByteBuf frame) {
        return frame.toString(StandardCharsets.UTF_8);
    }

    /** The real format, counting what it encodes. */
    private static final class CountingFormat implements WireFormat {
        private final WireFormat format;
        int writes;

        CountingFormat(WireFormat format) {
            this.format = format;
        }

        @Override
        public String contentType() {
            return format.contentType();
        }

        @Override
        public JsonNode read(ByteBuf body) throws IOException {
            return format.read(body);
        }

        @Override
        public byte[] write(Object shape) {
            writes++;
            return format.write(shape);
        }

        @Override
        public String errorType(String errorType) {
            return format.errorType(errorType);
        }

        @Override
        public void addHeaders(HttpHeaders headers) {
            format.addHeaders(headers);
        }

        @Override
        public void addErrorHeaders(HttpHeaders headers, String errorType) {
            format.addErrorHeaders(headers, errorType);
        }
    }
}
