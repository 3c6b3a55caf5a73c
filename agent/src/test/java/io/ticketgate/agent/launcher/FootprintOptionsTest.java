package io.ticketgate.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FootprintOptionsTest {

    @Test
    void aJvmWithNoChoiceOfCollectorOrYoungSizeGetsTheDefaults() {
        assertEquals(FootprintOptions.DEFAULTS, FootprintOptions.toAdd(List.of()));
        assertEquals(FootprintOptions.DEFAULTS,
                FootprintOptions.toAdd(List.of("-Xmx256m", "-XX:+UseNUMA", "-XX:+ExitOnOutOfMemoryError")));
    }

    @Test
    void theContainerImageRunsWithTheSameOptions() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        for (String option : FootprintOptions.DEFAULTS) {
            assertTrue(pom.contains("<jvmFlag>" + option + "</jvmFlag>"), option + " missing from the jib jvmFlags");
        }
    }

    @Test
    void anOperatorsCollectorOrYoungSizeWins() {
        for (String choice : List.of("-XX:+UseG1GC", "-XX:+UseZGC", "-XX:+UseSerialGC", "-Xmn64m",
                "-XX:MaxNewSize=8m", "-XX:NewSize=4m", "-XX:NewRatio=3")) {
            assertEquals(List.of(), FootprintOptions.toAdd(List.of("-Xmx1g", choice)), choice);
        }
    }
}
