package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCodeTest {

    @Test
    void everyCodeIsFoundByItsWireValue() {
        for (ResultCode code : ResultCode.values()) {
            assertEquals(code, ResultCode.fromWireValue(code.wireValue()));
        }
    }

    @Test
    void wireValuesAreThoseOfTheSpecification() {
        List<String> byWireValue = List.of("ACCEPTED", "MALFORMED", "UNSUPPORTED_VERSION", "UNKNOWN_SESSION",
                "SESSION_TIMED_OUT", "SESSION_ALREADY_ACTIVE", "SESSION_COMPLETED", "GAME_SESSION_UNAVAILABLE",
                "REJECTED_BY_GAME", "BUSY", "HANDSHAKE_TIMEOUT", "UPSTREAM_UNAVAILABLE", "SHUTTING_DOWN");
        assertEquals(byWireValue.size(), ResultCode.values().length);
        for (int value = 0; value < byWireValue.size(); value++) {
            assertEquals(byWireValue.get(value), ResultCode.fromWireValue(value).name());
        }
    }

    @Test
    void unknownWireValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResultCode.fromWireValue(-1));
        assertThrows(IllegalArgumentException.class, () -> ResultCode.fromWireValue(13));
        assertThrows(IllegalArgumentException.class, () -> ResultCode.fromWireValue(255));
    }
}
