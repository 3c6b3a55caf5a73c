package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "Builder settings" table names every setting of the builder, and only those. */
class ReadmeBuilderSettingsTest {

    /** A name in backticks in a row's first cell, before any parameter list: {@code `playerTls(cert, key)`}. */
    private static final Pattern SETTING = Pattern.compile("`([A-Za-z0-9]+)[^`]*`");

    @Test
    void everyBuilderSettingHasARow() throws IOException {
        Set<String> missing = new TreeSet<>(builderSettings());
        missing.removeAll(readmeSettings());
        assertEquals(Set.of(), missing, "builder methods the README's Builder settings table does not name");
    }

    @Test
    void everyRowNamesABuilderSetting() throws IOException {
        Set<String> unknown = new TreeSet<>(readmeSettings());
        unknown.removeAll(builderSettings());
        assertEquals(Set.of(), unknown, "names in the README's Builder settings table the builder does not have");
    }

    private static Set<String> builderSettings() {
        return Arrays.stream(TicketgateAgent.Builder.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !method.isSynthetic())
                .map(Method::getName)
                .filter(name -> !name.equals("build"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The names in the first column of the table under "### Builder settings". */
    private static Set<String> readmeSettings() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int heading = lines.indexOf("### Builder settings");
        assertTrue(heading >= 0, "README.md has no \"### Builder settings\" section");
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("| `")) {
                Matcher setting = SETTING.matcher(line.split(" \\| ")[0]);
                while (setting.find()) {
                    names.add(setting.group(1));
                }
            }
        }
        assertTrue(!names.isEmpty(), "the Builder settings table has no rows");
        return names;
    }
}
