package io.ticketgate.agent.player;

import io.ticketgate.protocol.ResultCode;

/** The decoder's verdict on bytes that can never become a CONNECT. */
record HandshakeFailure(ResultCode code, String detail) {
}
