package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The builder's rules for the control API's key pairs: the safe default, and checked input. */
@Timeout(10)
class ControlAuthenticationSettingsTest {

    private static TicketgateAgent.Builder builder() {
        return TicketgateAgent.builder().playerPort(0).controlPort(0).listener((s, c) -> Admission.accepted());
    }

    private static String refusal(TicketgateAgent.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void aControlApiBeyondLoopbackNeedsKeysOrExplicitConsent() {
        assertEquals("the control API would listen on 0.0.0.0, which is not loopback, without credentials: add"
                + " controlCredentials(accessKeyId, secretKey), or controlAllowUnauthenticated(true)",
                refusal(builder().controlBindAddress("0.0.0.0")));
        builder().controlBindAddress("0.0.0.0").controlAllowUnauthenticated(true).build();
        builder().controlBindAddress("0.0.0.0").controlCredentials("AKID1", "secret").build();
        builder().controlBindAddress("0.0.0.0").controlApi(false).build();
        builder().controlBindAddress("::1").build();
    }

    @Test
    void keyPairsAreChecked() {
        assertEquals("controlCredentials gives an access key id twice", refusal(builder()
                .controlCredentials("AKID1", "one").controlCredentials("AKID1", "two")));
        assertThrows(IllegalArgumentException.class, () -> builder().controlCredentials("AK ID", "secret"));
        assertThrows(IllegalArgumentException.class, () -> builder().controlCredentials("AKID1", ""));
        assertEquals("localApiToken must not be blank", refusal(builder().localApiToken(" ")));
    }

    @Test
    void anAgentWithKeysStartsAndStops() {
        try (TicketgateAgent agent = builder().controlCredentials("AKID1", "one").controlCredentials("AKID2", "two")
                .localApiToken("token").build().start()) {
            assertEquals(true, agent.controlPort() > 0);
        }
    }
}
