/**
 * The examples see only what a game developer sees: the agent's exported API and the protocol's
 * client. Importing an agent internal here fails to compile.
 */
module io.ticketgate.examples {
    requires io.ticketgate.agent;
    requires io.netty.codec;
}
