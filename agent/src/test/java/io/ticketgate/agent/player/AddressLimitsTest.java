package io.ticketgate.agent.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.player.AddressLimits.Limit;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressLimitsTest {

    private final AtomicLong nanos = new AtomicLong();

    private AddressLimits limits(int perAddress, int perSecond) {
        return new AddressLimits(new PlayerLimits(perAddress, perSecond, 1000), nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void anAddressHoldsAtMostItsConnectionsAndGetsOneBackOnEachClose() throws Exception {
        AddressLimits limits = limits(5, 100);
        InetAddress one = address("198.51.100.1");
        for (int i = 0; i < 5; i++) {
            assertNull(limits.admit(one));
        }
        assertEquals(Limit.CONNECTIONS_PER_ADDRESS, limits.admit(one));
        assertNull(limits.admit(address("198.51.100.2")), "another address is not held back");
        limits.release(one);
        assertNull(limits.admit(one));
    }

    @Test
    void handshakesComeInABurstThenAtTheRate() throws Exception {
        AddressLimits limits = limits(10_000, 10);
        InetAddress one = address("198.51.100.1");
        for (int i = 0; i < PlayerLimits.MIN_HANDSHAKE_BURST; i++) {
            assertNull(limits.admit(one), "handshake " + i + " of the burst");
            limits.release(one);
        }
        assertEquals(Limit.HANDSHAKE_RATE, limits.admit(one));
        advance(Duration.ofMillis(100));
        assertNull(limits.admit(one), "one token back after a tenth of a second at 10 a second");
        assertEquals(Limit.HANDSHAKE_RATE, limits.admit(one));
        assertNull(limits.admit(address("198.51.100.2")), "another address has its own bucket");
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() throws Exception {
        AddressLimits limits = limits(2, 100);
        assertNull(limits.admit(address("2001:db8:1:2::1")));
        assertNull(limits.admit(address("2001:db8:1:2:ffff::9")));
        assertEquals(Limit.CONNECTIONS_PER_ADDRESS, limits.admit(address("2001:db8:1:2:abcd::7")));
        assertNull(limits.admit(address("2001:db8:1:3::1")), "the next /64 is another host");
    }

    @Test
    void anAddressIsForgottenOnlyWhenItHoldsNothingAndItsBurstIsBack() throws Exception {
        AddressLimits limits = limits(10, 100);
        InetAddress one = address("198.51.100.1");
        assertNull(limits.admit(one));
        limits.sweep();
        assertEquals(1, limits.addresses(), "it holds a connection");
        limits.release(one);
        limits.sweep();
        assertEquals(1, limits.addresses(), "its bucket is one short: forgetting it would give a free token");
        advance(Duration.ofMillis(10));
        limits.sweep();
        assertEquals(0, limits.addresses());
    }
}
