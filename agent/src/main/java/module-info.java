/**
 * The Ticketgate agent. Only {@code io.ticketgate.agent}, the embedding API, is exported; the
 * store, the player front-end and the listener dispatch are internals.
 */
module io.ticketgate.agent {
    requires transitive io.ticketgate.protocol;
    requires transitive io.netty.transport;
    requires transitive com.github.benmanes.caffeine;
    requires transitive io.netty.common;
    requires io.netty.codec;
    requires io.netty.transport.classes.epoll;
    requires org.slf4j;

    exports io.ticketgate.agent;
}
