package dev.chatd.common.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the build this code came from, for {@code --version}. Maven writes it into a
 * resource of chat-common when it copies the resources, so it is there both in
 * {@code target/classes} (tests, IDE runs through Maven) and in each shaded jar; a jar manifest
 * would be missing when running from classes.
 */
public final class ProjectVersion {

    /** Shown when the resource is missing or was copied without Maven's filtering. */
    static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "version.properties";

    private ProjectVersion() {
    }

    /** The project version, e.g. {@code 1.0.0-SNAPSHOT}, or {@code unknown}. */
    public static String current() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return UNKNOWN;
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            return version.isEmpty() || version.contains("${") ? UNKNOWN : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
