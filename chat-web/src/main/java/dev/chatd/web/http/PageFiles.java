package dev.chatd.web.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page's files, read from the jar when the gateway starts and served from memory. Only the
 * files named here exist for a request, so no URL can reach anything else in the jar or on disk,
 * and a file missing from the build fails the start rather than a visitor's request.
 */
public final class PageFiles {

    /** Every file of the page, as the page asks for them; {@code PageFilesTest} keeps this in step with the folder. */
    public static final List<String> NAMES = List.of(
            "index.html", "style.css", "favicon.svg",
            "main.js", "connection.js", "session.js", "lines.js", "timeline.js", "panel.js", "login.js", "status.js");
    static final String INDEX = "index.html";
    private static final String FOLDER = "/dev/chatd/web/page/";

    private final Map<String, PageFile> byPath;

    private PageFiles(Map<String, PageFile> byPath) {
        this.byPath = byPath;
    }

    /** Reads every file in {@link #NAMES} from the classpath. */
    public static PageFiles load() {
        Map<String, PageFile> byPath = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (InputStream in = PageFiles.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) throw new IllegalStateException("the page file " + name + " is missing from the build");
                byPath.put("/" + name, PageFile.of(name, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the page file " + name, e);
            }
        }
        byPath.put("/", byPath.get("/" + INDEX));
        return new PageFiles(byPath);
    }

    /** The file a request path (without its query) names, if any. */
    Optional<PageFile> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}
