package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.Acceptance;
import org.perfregression.testing.Cli;
import org.perfregression.testing.ResultsFolders;

/**
 * Policy per benchmark: {@code --accept}, a known regression reported with its reason and failing
 * nothing until it expires; {@code --min-change-for}, a benchmark's own minimum change.
 */
class GatePolicyTest {

    @TempDir
    Path dir;

    private static Cli run(String... args) {
        return Cli.run((out, err) -> Main.run(out, err, args));
    }

    @Test
    void anAcceptedRegressionIsListedAndPassesUntilItExpiresThenFails() throws Exception {
        String baseline = ResultsFolders.write(dir.resolve("baseline"), 1, 0, 1).toString();
        // config_0 and config_1 30 % slower.
        String current = ResultsFolders.write(dir.resolve("current"), 2, 2, 1.3).toString();
        String tomorrow = LocalDate.now().plusDays(1).toString();
        String yesterday = LocalDate.now().minusDays(1).toString();

        Cli plain = run("compare", "-b", baseline, "-c", current, "--rule", "gate");
        assertEquals(1, plain.exitCode(), plain.out());

        Cli accepted = run("compare", "-b", baseline, "-c", current, "--rule", "gate",
                "--accept", "constructor/rank_[23]/config_[01]$=bounds check for CVE-2026-1@" + tomorrow,
                "--format", "json=" + dir.resolve("accepted.json"), "--format", "junit=" + dir.resolve("accepted.xml"),
                "--format", "text");
        assertEquals(0, accepted.exitCode(), accepted.out() + accepted.err());
        assertTrue(accepted.out().contains("accepted regression, failing nothing: constructor rank_2.config_0 +")
                && accepted.out().contains("accepted until " + tomorrow + ": bounds check for CVE-2026-1"), accepted.out());
        assertTrue(accepted.out().contains("2 regressions accepted"), accepted.out());
        String json = Files.readString(dir.resolve("accepted.json"));
        assertTrue(json.contains("\"confirmation\" : \"accepted\"") || json.contains("\"confirmation\":\"accepted\""), json);
        assertTrue(json.contains("\"failed\" : false") || json.contains("\"failed\":false"), json);
        String junit = Files.readString(dir.resolve("accepted.xml"));
        assertFalse(junit.contains("<failure type=\"regression\""), "an accepted regression fails no test case: " + junit);

        Cli onlyOne = run("compare", "-b", baseline, "-c", current, "--rule", "gate",
                "--accept", "config_0$=known");
        assertEquals(1, onlyOne.exitCode(), "config_1 is not accepted: " + onlyOne.out());

        Cli expired = run("compare", "-b", baseline, "-c", current, "--rule", "gate",
                "--accept", "config_[01]$=bounds check@" + yesterday);
        assertEquals(1, expired.exitCode(), expired.out());
        assertTrue(expired.out().contains("expired on " + yesterday + " (bounds check): it fails again"), expired.out());
    }

    @Test
    void badAcceptancesAreOneLineErrors() throws Exception {
        String baseline = ResultsFolders.write(dir.resolve("b"), 1, 0, 1).toString();
        String current = ResultsFolders.write(dir.resolve("c"), 2, 0, 1).toString();
        for (String[] bad : new String[][] {{"config_0", "expected REGEX=REASON"}, {"config_0=", "needs a reason"},
            {"config_[0=why", "not a regular expression"}, {"x=why@2026-13-45", "is not a date"}}) {
            Cli run = run("compare", "-b", baseline, "-c", current, "--rule", "gate", "--accept", bad[0]);
            assertEquals(2, run.exitCode(), bad[0] + ": " + run.err());
            assertTrue(run.err().contains(bad[1]) && run.err().trim().lines().count() == 1, bad[0] + ": " + run.err());
        }
        Cli seed = run("compare", "-b", baseline, "-c", current, "--accept", "x=why");
        assertEquals(2, seed.exitCode());
        assertTrue(seed.err().contains("use it with --rule gate"), seed.err());
    }

    @Test
    void anAcceptanceNamesByRegexAndHoldsThroughItsLastDay() {
        Acceptance a = Acceptance.parse("page_id/rank_5/.*1111001=known cost@2026-12-31");
        assertTrue(a.names("get_noc_addr_page_id", new SubsectionKey("rank_5", "SHARDED_ACCESSOR_1111001")));
        assertFalse(a.names("get_noc_addr_page_id", new SubsectionKey("rank_6", "SHARDED_ACCESSOR_1111001")));
        assertTrue(a.holdsOn(LocalDate.parse("2026-12-31")));
        assertFalse(a.holdsOn(LocalDate.parse("2027-01-01")));
        assertTrue(Acceptance.parse("x=forever").holdsOn(LocalDate.parse("2999-01-01")));
        assertEquals("a reason with = and @ in it", Acceptance.parse("x=a reason with = and @ in it").reason());
        assertThrows(InvalidInputException.class, () -> Acceptance.parse("=why"));
    }
    @Test
    void aBenchmarksOwnMinimumChangeDecidesItsSubsections() throws Exception {
        String baseline = ResultsFolders.write(dir.resolve("base"), 1, 0, 1).toString();
        String current = ResultsFolders.write(dir.resolve("cur"), 2, 2, 1.3).toString(); // +28 %
        Cli lax = run("compare", "-b", baseline, "-c", current, "--rule", "gate", "--min-change-for", "^constr=40",
                "--format", "json");
        assertEquals(0, lax.exitCode(), "+28 % is under constructor's own 40 %: " + lax.out());
        assertTrue(lax.out().contains("\"min_change_pct\" : 40.0") || lax.out().contains("\"min_change_pct\":40.0"),
                "the report says which floor judged it: " + lax.out());
        Cli other = run("compare", "-b", baseline, "-c", current, "--rule", "gate", "--min-change-for", "lookup=40");
        assertEquals(1, other.exitCode(), "a pattern that names another benchmark changes nothing: " + other.out());
        Cli bad = run("compare", "-b", baseline, "-c", current, "--rule", "gate", "--min-change-for", "constructor=lots");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("lots is not a percentage"), bad.err());
    }
}
