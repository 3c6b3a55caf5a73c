package io.ticketgate.agent.player;

import io.ticketgate.protocol.ResultCode;

/**
 * A hand-off's answer: ACCEPTED, or the code and detail the player is refused with.
 *
 * @param code the RESULT code to send
 * @param detail the RESULT detail
 */
public record HandoffVerdict(ResultCode code, String detail) {

    public static final HandoffVerdict ACCEPTED = new HandoffVerdict(ResultCode.ACCEPTED, "");

    public boolean isAccepted() {
        return code == ResultCode.ACCEPTED;
    }
}
