package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.InvalidInputException;
import picocli.CommandLine;

class AbCommandTest {

    @Test
    void jmhForkCountBecomesThePassesAndLeavesTheRestForJmh() {
        List<String> args = new ArrayList<>(List.of("MyBench", "-f", "4", "-wi", "3"));
        assertEquals(4, AbCommand.passes(args));
        assertEquals(List.of("MyBench", "-wi", "3"), args);
        List<String> glued = new ArrayList<>(List.of("-f3", "-p", "size=1"));
        assertEquals(3, AbCommand.passes(glued));
        assertEquals(List.of("-p", "size=1"), glued);
        List<String> none = new ArrayList<>(List.of("-foe", "true"));
        assertNull(AbCommand.passes(none));
        assertEquals(List.of("-foe", "true"), none);
    }

    @Test
    void tooFewOrNonNumericPassesAreRefused() {
        InvalidInputException one = assertThrows(InvalidInputException.class,
                () -> AbCommand.passes(new ArrayList<>(List.of("-f", "1"))));
        assertTrue(one.getMessage().contains("at least 2 forks per side"), one.getMessage());
        assertThrows(InvalidInputException.class, () -> AbCommand.passes(new ArrayList<>(List.of("-f", "many"))));
    }

    @Test
    void budgetsReadAsUsersWriteThem() {
        AbCommand.DurationConverter converter = new AbCommand.DurationConverter();
        assertEquals(Duration.ofMinutes(20), converter.convert("20m"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90"));
        assertEquals(Duration.ofMinutes(90), converter.convert("1h30m"));
        assertEquals(Duration.ofMinutes(15), converter.convert("PT15M"));
        for (String bad : new String[] {"soon", "0s", "-5m", ""}) {
            assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(bad), bad);
        }
    }

    @Test
    void aBadBudgetOrAMissingJarIsOneLineAndExitTwo(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(new Main());
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("ab", "--baseline-jar", dir.resolve("a.jar").toString(), "--current-jar",
                dir.resolve("b.jar").toString(), "--budget", "soon");
        assertEquals(ExitCode.INVALID, exit);
        assertTrue(err.toString().contains("'soon' is not a time such as 20m"), err.toString());
        StringWriter err2 = new StringWriter();
        cli.setErr(new PrintWriter(err2));
        exit = cli.execute("ab", "--baseline-jar", dir.resolve("a.jar").toString(), "--current-jar",
                dir.resolve("b.jar").toString());
        assertEquals(ExitCode.INVALID, exit);
        assertEquals(1, err2.toString().strip().lines().count(), err2.toString());
        assertTrue(err2.toString().contains("--baseline-jar " + dir.resolve("a.jar") + ": no such file"), err2.toString());
        StringWriter err3 = new StringWriter();
        cli.setErr(new PrintWriter(err3));
        exit = cli.execute("ab", "--baseline-jar", dir.resolve("a.jar").toString(), "--current-jar",
                dir.resolve("b.jar").toString(), "--movement-runs", "5");
        assertEquals(ExitCode.INVALID, exit);
        assertTrue(err3.toString().contains("--movement-runs is for the main job and compare"), err3.toString());
    }
}
