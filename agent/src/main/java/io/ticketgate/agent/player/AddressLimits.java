package io.ticketgate.agent.player;

import com.github.benmanes.caffeine.cache.Ticker;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.time.TokenBucket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address accounting of the player port: the connections each address holds open, and a
 * token bucket of the handshakes it may start. O(1) per connection; an address's entry goes
 * once it holds no connection and its bucket has refilled ({@link #sweep()}), so memory follows
 * the addresses seen in the last few seconds, not all ever seen.
 */
final class AddressLimits {

    /** Why a connection was refused; the wire name is the metric's tag. */
    enum Limit {
        CONNECTIONS("connections"),
        CONNECTIONS_PER_ADDRESS("connections-per-address"),
        HANDSHAKE_RATE("handshake-rate"),
        PENDING_HANDSHAKES("pending-handshakes");

        private final String tag;

        Limit(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    private final int maxPerAddress;
    private final int perSecond;
    private final int burst;
    private final Ticker ticker;
    private final ConcurrentHashMap<InetAddress, Entry> entries = new ConcurrentHashMap<>();

    AddressLimits(PlayerLimits limits, Ticker ticker) {
        this.maxPerAddress = limits.maxConnectionsPerAddress();
        this.perSecond = limits.handshakesPerSecondPerAddress();
        this.burst = limits.handshakeBurst();
        this.ticker = ticker;
    }

    /**
     * Counts a new connection from {@code address} if its limits allow it.
     *
     * @return null if counted (call {@link #release} when it closes), else the limit it is over
     */
    Limit admit(InetAddress address) {
        long now = ticker.read();
        InetAddress key = key(address);
        while (true) {
            Entry entry = entries.computeIfAbsent(key, absent -> new Entry(new TokenBucket(perSecond, burst, now)));
            synchronized (entry) {
                if (!entry.removed) {
                    return admit(entry, now);
                }
            }
            // A sweep dropped it between the lookup and the lock: count in its successor.
        }
    }

    /** Call holding the entry's lock. */
    private Limit admit(Entry entry, long now) {
        if (entry.open >= maxPerAddress) {
            return Limit.CONNECTIONS_PER_ADDRESS;
        }
        if (!entry.handshakes.tryTake(now)) {
            return Limit.HANDSHAKE_RATE;
        }
        entry.open++;
        return null;
    }

    /** Uncounts a connection {@link #admit} counted. */
    void release(InetAddress address) {
        Entry entry = entries.get(key(address));
        if (entry != null) {
            synchronized (entry) {
                entry.open--;
            }
        }
    }

    /** Forgets addresses that hold no connection and have their whole burst back. */
    void sweep() {
        long now = ticker.read();
        entries.entrySet().removeIf(mapping -> {
            Entry entry = mapping.getValue();
            synchronized (entry) {
                entry.removed = entry.open == 0 && entry.handshakes.isFull(now);
                return entry.removed;
            }
        });
    }

    /** Returns how many addresses are remembered. */
    int addresses() {
        return entries.size();
    }

    /** IPv6 addresses count by their /64: one host is usually given a whole /64. */
    static InetAddress key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static final class Entry {
        final TokenBucket handshakes;
        int open;
        boolean removed;

        Entry(TokenBucket handshakes) {
            this.handshakes = handshakes;
        }
    }
}
