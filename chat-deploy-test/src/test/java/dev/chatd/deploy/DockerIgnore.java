package dev.chatd.deploy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A .dockerignore, matched as Docker does: patterns in order, the last one that matches a path or
 * one of its parent directories decides, and a leading {@code !} lets a path back in.
 */
record DockerIgnore(List<Rule> rules) {

    /** One line: a glob and whether it lets paths in again. */
    record Rule(PathMatcher glob, boolean include, String pattern) {
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\n")) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) continue;
            boolean include = pattern.startsWith("!");
            if (include) pattern = pattern.substring(1);
            pattern = pattern.replaceAll("^/+|/+$", "");
            rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), include, line.strip()));
        }
        return new DockerIgnore(rules);
    }

    /** True when the build context includes {@code relative} (a path from the context root). */
    boolean sends(String relative) {
        Path path = Path.of(relative);
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesItselfOrAParent(rule.glob(), path)) excluded = !rule.include();
        }
        return !excluded;
    }

    private static boolean matchesItselfOrAParent(PathMatcher glob, Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (glob.matches(p)) return true;
        }
        return false;
    }
}
