package io.ticketgate.examples.bench.gate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where a column's players connect for one kind of load, whether they speak TGT/1 there, and
 * which server processes carry them (the ones whose CPU and memory the column is charged).
 *
 * @param reservations where ids are reserved; null where any id is accepted (the floor)
 */
record Route(InetSocketAddress address, boolean handshake, Reservations reservations, List<ServerProcess> servers) {

    private static final AtomicLong MADE_UP = new AtomicLong();

    /** One id per connection: reserved through the control API, made up, or null without a handshake. */
    List<String> ids(int count) throws IOException, InterruptedException {
        if (!handshake) {
            return Collections.nCopies(count, null);
        }
        if (reservations == null) {
            return IntStream.range(0, count).mapToObj(i -> "floor-player-" + MADE_UP.incrementAndGet()).toList();
        }
        return reservations.reserve(count);
    }

    long cpuNanos() {
        return servers.stream().mapToLong(ServerProcess::cpuNanos).sum();
    }

    long rssBytes() {
        return servers.stream().mapToLong(ServerProcess::rssBytes).sum();
    }

    /** The processes, as the report names them: "haproxy + floor". */
    String serverNames() {
        return servers.stream().map(ServerProcess::name).collect(Collectors.joining(" + "));
    }
}
