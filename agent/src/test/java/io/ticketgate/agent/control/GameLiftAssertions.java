package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.gamelift.model.GameLiftException;

/** What every control API test checks of a timestamp, a request id and an error. */
final class GameLiftAssertions {

    private GameLiftAssertions() {
    }

    static void assertCloseToNow(Instant time) {
        assertTrue(time != null && Duration.between(time, Instant.now()).abs().compareTo(Duration.ofSeconds(30)) < 0,
                "expected a time close to now, was " + time);
    }

    static void assertRequestId(String requestId) {
        assertTrue(requestId != null && requestId.matches("[0-9a-f-]{36}"), "request id " + requestId);
    }

    /**
     * Asserts the SDK raised {@code type}, as the service names it, with HTTP 400, a request id
     * and a message mentioning {@code mention}.
     */
    static <T extends GameLiftException> T assertError(Class<T> type, String mention, Executable call) {
        T error = assertThrows(type, call);
        String expectedCode = type.getSimpleName();
        assertEquals(expectedCode, error.awsErrorDetails().errorCode());
        assertEquals(400, error.statusCode());
        assertRequestId(error.requestId());
        String message = error.awsErrorDetails().errorMessage();
        assertTrue(message != null && message.contains(mention),
                expectedCode + " should mention " + mention + ": " + message);
        return error;
    }
}
