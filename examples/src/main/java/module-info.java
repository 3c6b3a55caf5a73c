/**
 * The examples see only what a game developer sees: the agent's exported API and the protocol's
 * client. Importing an agent internal here fails to compile.
 */
module io.ticketgate.examples {
    requires io.ticketgate.agent;
    requires io.netty.codec;
    requires software.amazon.awssdk.services.gamelift;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.utils;
    // The benchmarks call the control API as a backend would, over HTTP.
    requires java.net.http;
    // The comparison's own servers and load generator use epoll, as the agent does.
    requires io.netty.transport.classes.epoll;
}
