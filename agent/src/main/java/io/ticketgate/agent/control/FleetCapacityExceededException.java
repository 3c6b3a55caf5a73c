package io.ticketgate.agent.control;

import io.ticketgate.agent.TicketgateException;

/** No live agent of the fleet has room for another game session: GameLift's name for it. */
public final class FleetCapacityExceededException extends TicketgateException {

    public FleetCapacityExceededException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "FleetCapacityExceededException";
    }
}
