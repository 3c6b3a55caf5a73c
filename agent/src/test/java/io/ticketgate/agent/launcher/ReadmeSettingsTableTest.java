package io.ticketgate.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's settings table says what --help says: every setting, its variable and its default. */
class ReadmeSettingsTableTest {

    @Test
    void everySettingIsInTheReadmeWithTheDefaultHelpPrints() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("| `--")).map(line -> line.replace("\\|", "/")).toList();
        List<String> wrong = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            String usage = "`" + (setting.isSwitch() ? setting.flag() : setting.usage()).replace("|", "/") + "`";
            String row = rows.stream().filter(line -> line.split(" \\| ")[0].contains(usage)).findFirst().orElse(null);
            if (row == null) {
                wrong.add(setting.usage() + ": no row");
                continue;
            }
            String[] cells = row.split(" \\| ");
            String variable = cells[1].replace("`", "").strip();
            String defaultCell = cells[2].replace("`", "").strip();
            if (!List.of(variable.split(", ")).contains(setting.envVar())) {
                wrong.add(setting.usage() + ": variable " + variable);
            }
            if (!defaultCell.equals(setting.defaultText())) {
                wrong.add(setting.usage() + ": README default \"" + defaultCell + "\", --help \""
                        + setting.defaultText() + "\"");
            }
        }
        assertEquals(List.of(), wrong);
    }
}
