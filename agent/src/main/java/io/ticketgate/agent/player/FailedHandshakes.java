package io.ticketgate.agent.player;

import io.ticketgate.protocol.ResultCode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts handshakes that failed by the client's doing (a malformed or unknown ticket, a replay,
 * a timeout) per address, and reports them a few lines per interval, the busiest addresses first:
 * what an operator feeds a ban list with, at a bounded rate however many connections fail.
 * Memory is bounded too: past {@link #MAX_ADDRESSES} addresses in one interval, the rest are
 * counted together.
 */
final class FailedHandshakes {

    /** The refusals a well-behaved client with a valid ticket never gets. */
    static final Set<ResultCode> CLIENT_FAILURES = EnumSet.of(ResultCode.MALFORMED, ResultCode.UNSUPPORTED_VERSION,
            ResultCode.UNKNOWN_SESSION, ResultCode.SESSION_TIMED_OUT, ResultCode.SESSION_ALREADY_ACTIVE,
            ResultCode.SESSION_COMPLETED, ResultCode.HANDSHAKE_TIMEOUT);
    static final int MAX_ADDRESSES = 10_000;
    /** Addresses named per report; the rest are summed in one more line. */
    static final int LINES_PER_REPORT = 10;

    private final ConcurrentHashMap<InetAddress, LongAdder> byAddress = new ConcurrentHashMap<>();
    private final AtomicLong others = new AtomicLong();

    /** Counts a handshake's outcome if it is a client failure. O(1). */
    void record(InetAddress address, ResultCode code) {
        if (!CLIENT_FAILURES.contains(code)) {
            return;
        }
        LongAdder count = byAddress.get(address);
        if (count == null) {
            if (byAddress.size() >= MAX_ADDRESSES) {
                others.incrementAndGet();
                return;
            }
            count = byAddress.computeIfAbsent(address, absent -> new LongAdder());
        }
        count.increment();
    }

    /** Hands {@code line} the report of the failures since the last one, and starts counting afresh. */
    void report(String interval, Consumer<String> line) {
        List<Map.Entry<InetAddress, Long>> counts = new ArrayList<>();
        for (InetAddress address : List.copyOf(byAddress.keySet())) {
            LongAdder count = byAddress.remove(address);
            if (count != null) {
                counts.add(Map.entry(address, count.sum()));
            }
        }
        counts.sort(Map.Entry.<InetAddress, Long>comparingByValue().reversed());
        long rest = others.getAndSet(0);
        for (int i = 0; i < counts.size(); i++) {
            if (i < LINES_PER_REPORT) {
                line.accept("failed handshakes from " + counts.get(i).getKey().getHostAddress() + ": "
                        + counts.get(i).getValue() + " in the last " + interval);
            } else {
                rest += counts.get(i).getValue();
            }
        }
        if (rest > 0) {
            line.accept("failed handshakes from other addresses: " + rest + " in the last " + interval);
        }
    }
}
