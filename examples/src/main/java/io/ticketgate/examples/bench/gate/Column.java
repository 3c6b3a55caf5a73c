package io.ticketgate.examples.bench.gate;

/**
 * One column of the comparison: a way of putting players in front of a game server.
 *
 * @param handshakes where the handshake rows connect
 * @param players where the echo, stream and idle rows connect, through to the echo server
 */
record Column(String name, Route handshakes, Route players) {
}
