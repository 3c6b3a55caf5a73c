package io.ticketgate.agent.store;

import io.ticketgate.agent.PlayerSession;
import io.ticketgate.protocol.ResultCode;

/**
 * The store's answer to a CONNECT.
 *
 * @param code ACCEPTED, or why the player may not connect
 * @param detail a short explanation for the player when refused; empty when accepted
 * @param session the player session after the attempt; null if the id is unknown
 * @param connectionId identifies the connection now attached, for {@link SessionStore#disconnect}
 * @param reconnect true if the player came back within the reconnect grace
 */
public record ConnectOutcome(ResultCode code, String detail, PlayerSession session, long connectionId,
        boolean reconnect) {

    static ConnectOutcome accepted(PlayerSession session, long connectionId, boolean reconnect) {
        return new ConnectOutcome(ResultCode.ACCEPTED, "", session, connectionId, reconnect);
    }

    static ConnectOutcome refused(ResultCode code, String detail, PlayerSession session) {
        return new ConnectOutcome(code, detail, session, 0, false);
    }

    public boolean isAccepted() {
        return code == ResultCode.ACCEPTED;
    }
}
