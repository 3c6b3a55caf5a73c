package io.ticketgate.agent.control;

import io.ticketgate.agent.store.SessionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The event hub's log: the last events with consecutive ids, oldest first, bounded in count and
 * in (estimated) bytes. It lives in arrays made once, so logging an event allocates nothing: a
 * store change with no one listening costs a few array writes. Not thread-safe: the hub holds
 * its lock around every call.
 */
final class EventRing {

    private final SessionEvent[] events;
    private final int[] sizes;
    /** The subscribers' view of each event, made the first time one asks; null until then. */
    private final EventHub.LoggedEvent[] logged;
    private final long maxBytes;
    private final EventHub.FrameEncoder encoder;
    private int head;
    private int count;
    private long bytes;
    private long oldestId;

    /**
     * @param maxEvents how many events it keeps at most
     * @param maxBytes how many estimated bytes of events it keeps at most; the newest event is
     *     kept whatever its size
     * @param firstId the id the first event added will have
     * @param encoder what turns an event into its frame, when a subscriber first needs it
     */
    EventRing(int maxEvents, long maxBytes, long firstId, EventHub.FrameEncoder encoder) {
        this.events = new SessionEvent[maxEvents];
        this.sizes = new int[maxEvents];
        this.logged = new EventHub.LoggedEvent[maxEvents];
        this.maxBytes = maxBytes;
        this.oldestId = firstId;
        this.encoder = encoder;
    }

    /** Adds the event with the next id, dropping the oldest ones over either bound. */
    void add(SessionEvent event, int size) {
        if (count == events.length) {
            dropOldest();
        }
        int slot = slot(count);
        events[slot] = event;
        sizes[slot] = size;
        count++;
        bytes += size;
        while (bytes > maxBytes && count > 1) {
            dropOldest();
        }
    }

    /** Returns the id of the oldest event kept; one above the newest's when empty. */
    long oldestId() {
        return oldestId;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Returns the newest event, as subscribers see it. */
    EventHub.LoggedEvent newest() {
        return loggedAt(count - 1);
    }

    /** Returns every event kept with an id above {@code afterId}, oldest first, as subscribers see them. */
    List<EventHub.LoggedEvent> after(long afterId) {
        int from = (int) Math.max(0, Math.min(count, afterId + 1 - oldestId));
        List<EventHub.LoggedEvent> after = new ArrayList<>(count - from);
        for (int i = from; i < count; i++) {
            after.add(loggedAt(i));
        }
        return after;
    }

    /** Made once per event and kept, so every subscriber shares one encoding of it. */
    private EventHub.LoggedEvent loggedAt(int index) {
        int slot = slot(index);
        if (logged[slot] == null) {
            logged[slot] = new EventHub.LoggedEvent(oldestId + index, events[slot], sizes[slot], encoder);
        }
        return logged[slot];
    }

    private void dropOldest() {
        int slot = slot(0);
        bytes -= sizes[slot];
        events[slot] = null;
        logged[slot] = null;
        head = (head + 1) % events.length;
        count--;
        oldestId++;
    }

    private int slot(int index) {
        return (head + index) % events.length;
    }
}
