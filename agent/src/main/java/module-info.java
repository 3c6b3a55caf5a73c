/**
 * The Ticketgate agent. Only {@code io.ticketgate.agent}, the embedding API, is exported; the
 * store, the player front-end, the control API and the listener dispatch are internals.
 */
module io.ticketgate.agent {
    requires transitive io.ticketgate.protocol;
    requires transitive io.netty.transport;
    requires transitive io.netty.common;
    // The launcher checks -XX:+ExitOnOutOfMemoryError (HotSpot's MXBean) and the JVM's options.
    requires java.management;
    requires io.netty.codec;
    requires com.github.benmanes.caffeine;
    requires io.netty.codec.http;
    requires io.netty.codec.haproxy;
    requires io.netty.handler;
    requires io.netty.transport.classes.epoll;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.cbor;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires org.slf4j;
    // The sidecar stops logback, flushing its asynchronous appender, before it exits.
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    // The sidecar launcher's config file; an embedding game need not have it.
    requires static typesafe.config;
    // Fleet mode's Redis client: optional, loaded only by io.ticketgate.agent.fleet, in fleet mode.
    requires static lettuce.core;
    requires jdk.management;

    exports io.ticketgate.agent;
    // Jackson reads the response shapes' record components reflectively.
    opens io.ticketgate.agent.control to com.fasterxml.jackson.databind;
}
