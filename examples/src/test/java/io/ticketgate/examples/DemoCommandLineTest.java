package io.ticketgate.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoCommandLineTest {

    private static final Set<String> VALUED = Set.of("--port", "--control-port");
    private static final Set<String> SWITCHES = Set.of("--background");

    private static DemoCommandLine parse(String... args) throws DemoUsageException {
        return DemoCommandLine.parse(VALUED, SWITCHES, 2, args);
    }

    private static String mistake(String... args) {
        DemoUsageException e = assertThrows(DemoUsageException.class, () -> {
            DemoCommandLine commandLine = parse(args);
            commandLine.port("--port", 7777);
            commandLine.fixedPort("--control-port", 9080);
        });
        assertEquals(DemoUsageException.MISTAKE, e.exitStatus());
        return e.getMessage();
    }

    @Test
    void flagsSwitchesAndPositionalsAreRead() throws DemoUsageException {
        DemoCommandLine commandLine = parse("Alice", "--port", "7000", "--control-port=0", "--background", "Bob");
        assertFalse(commandLine.help());
        assertEquals(7000, commandLine.port("--port", 7777));
        assertEquals(0, commandLine.port("--control-port", 9080));
        assertTrue(commandLine.has("--background"));
        assertEquals(List.of("Alice", "Bob"), commandLine.positionals());
    }

    @Test
    void flagsNotGivenTakeTheirDefaults() throws DemoUsageException {
        DemoCommandLine commandLine = parse();
        assertEquals(7777, commandLine.port("--port", 7777));
        assertEquals(9080, commandLine.fixedPort("--control-port", 9080));
        assertFalse(commandLine.has("--background"));
        assertEquals("fallback", commandLine.value("--port", "fallback"));
    }

    @Test
    void helpWinsOverAnythingElse() throws DemoUsageException {
        assertTrue(parse("--port", "abc", "--help").help());
        assertTrue(parse("--nonsense", "-h").help());
    }

    @Test
    void anUnknownFlagIsNamed() {
        assertEquals("unknown flag --prot; --help lists the flags", mistake("--prot", "7000"));
    }

    @Test
    void aFlagWithoutItsValueIsNamed() {
        assertEquals("--port needs a value; --help lists the flags", mistake("--port"));
    }

    @Test
    void aBadPortIsQuotedWithTheRange() {
        assertEquals("--port: \"abc\" is not a port number (0-65535); --help lists the flags",
                mistake("--port", "abc"));
        assertEquals("--port: \"70000\" is not a port number (0-65535); --help lists the flags",
                mistake("--port", "70000"));
        assertEquals("--port: \"-1\" is not a port number (0-65535); --help lists the flags",
                mistake("--port=-1"));
    }

    @Test
    void aFreePortIsRefusedWhereTheDemoMustKnowThePort() {
        assertTrue(mistake("--control-port", "0").startsWith("--control-port: 0 (a free port) will not do here"));
    }

    @Test
    void aFlagGivenTwiceASwitchWithAValueAndAStrayArgumentAreMistakes() {
        assertEquals("--port is given twice; --help lists the flags", mistake("--port", "1", "--port=2"));
        assertEquals("--background takes no value; --help lists the flags", mistake("--background=yes"));
        assertEquals("unexpected argument \"c\"; --help lists the flags", mistake("a", "b", "c"));
    }
}
