package io.ticketgate.agent.fleet;

import io.ticketgate.agent.durable.StateCodec;
import io.ticketgate.agent.store.StoredState;
import java.nio.ByteBuffer;

/** The fleet's copies of sessions in Redis: the durable journal's record format, read back. */
final class FleetRecords {

    private FleetRecords() {
    }

    /** The state a copy holds; null for none, or for one this agent cannot read (it is skipped). */
    static StoredState decode(byte[] record) {
        if (record == null) {
            return null;
        }
        try {
            return StateCodec.decode(ByteBuffer.wrap(record));
        } catch (StateCodec.UnreadableRecord e) {
            return null;
        }
    }
}
