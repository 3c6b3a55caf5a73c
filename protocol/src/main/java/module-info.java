/** The TGT/1 player wire protocol: codec, constants and a small blocking Java client. */
module io.ticketgate.protocol {
    requires transitive io.netty.buffer;

    exports io.ticketgate.protocol;
}
