package dev.chatd.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The list of served files against the folder they come from, and the modules' imports against the list. */
class PageFilesTest {

    private static final Path FOLDER = Path.of("src/main/resources/dev/chatd/web/page");

    @Test
    void everyFileInThePageFolderIsServedAndNoOther() throws Exception {
        try (Stream<Path> files = Files.list(FOLDER)) {
            assertEquals(Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), Set.copyOf(PageFiles.NAMES));
        }
        PageFiles.load(); // and each loads from the classpath
    }

    @Test
    void everyModuleImportsOnlyServedFilesOfThePage() throws Exception {
        Pattern imports = Pattern.compile("(?m)^import .* from '\\./([^']+)';$");
        for (String name : PageFiles.NAMES) {
            if (!name.endsWith(".js")) continue;
            Matcher m = imports.matcher(Files.readString(FOLDER.resolve(name)));
            while (m.find()) {
                assertTrue(PageFiles.NAMES.contains(m.group(1)), name + " imports " + m.group(1) + ", which is not served");
            }
        }
    }

    @Test
    void thePageLoadsNothingFromElsewhere() throws Exception {
        for (String name : List.of("index.html", "style.css")) {
            String text = Files.readString(FOLDER.resolve(name));
            assertTrue(!text.contains("http://") && !text.contains("https://") && !text.contains("//cdn"), name);
            assertTrue(!text.contains("style=\"") && !text.contains("onclick"), name + " has inline style or script");
        }
    }
}
