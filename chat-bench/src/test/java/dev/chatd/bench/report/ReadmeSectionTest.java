package dev.chatd.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReadmeSectionTest {

    @Test
    void replacesOnlyWhatIsBetweenTheMarkers() {
        String readme = "# chatd\n\n## Performance\n\nIntro kept.\n\n<!-- perf:start -->\nold table\n<!-- perf:end -->\n\n## Layout\nx\n";
        assertEquals("# chatd\n\n## Performance\n\nIntro kept.\n\n<!-- perf:start -->\nnew table\n<!-- perf:end -->\n\n## Layout\nx\n",
                ReadmeSection.replace(readme, "new table"));
    }

    @Test
    void replacingTwiceGivesTheSameText() {
        String once = ReadmeSection.replace("# a\n\n## Layout\n", "body\n");
        assertEquals(once, ReadmeSection.replace(once, "body\n"));
    }

    @Test
    void addsTheSectionBeforeLayoutWhenMissing() {
        String readme = "# chatd\n\n## Layoutish\n\n## Layout\n\n| module |\n";
        assertEquals("# chatd\n\n## Layoutish\n\n## Performance\n\n<!-- perf:start -->\nbody\n<!-- perf:end -->\n\n## Layout\n\n| module |\n",
                ReadmeSection.replace(readme, "body"));
    }

    @Test
    void appendsTheSectionWhenThereIsNoLayout() {
        assertEquals("# chatd\n\n## Performance\n\n<!-- perf:start -->\nbody\n<!-- perf:end -->\n",
                ReadmeSection.replace("# chatd\n", "body"));
    }

    @Test
    void refusesALoneMarker() {
        assertThrows(IllegalArgumentException.class, () -> ReadmeSection.replace("x\n<!-- perf:start -->\n", "body"));
    }
}
