package dev.chatd.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The checked-out repository these tests read: its root, its files and what its poms say. */
final class Repository {

    private final Path root;

    private Repository(Path root) {
        this.root = root;
    }

    /** The root Maven passes in as {@code chatd.root}; from an IDE, the parent of the working directory. */
    static Repository here() {
        String configured = System.getProperty("chatd.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("docker"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return new Repository(root);
    }

    Path root() {
        return root;
    }

    Path resolve(String relative) {
        return root.resolve(relative).normalize();
    }

    String read(String relative) throws IOException {
        return Files.readString(resolve(relative));
    }

    /** The {@code <module>} entries of the root pom, in reactor order. */
    List<String> modules() throws Exception {
        Document pom = parse(resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        NodeList nodes = pom.getElementsByTagName("module");
        for (int i = 0; i < nodes.getLength(); i++) modules.add(nodes.item(i).getTextContent().strip());
        return modules;
    }

    /** A module's own pom: its jar's file name and its {@code main.class} property, if any. */
    ModulePom modulePom(String module) throws Exception {
        Document pom = parse(resolve(module).resolve("pom.xml"));
        Element project = pom.getDocumentElement();
        return new ModulePom(module,
                child(project, "build").flatMap(build -> child(build, "finalName")).map(Node::getTextContent),
                child(project, "properties").flatMap(props -> child(props, "main.class")).map(Node::getTextContent));
    }

    /** What a module's pom says about the jar it builds. */
    record ModulePom(String module, Optional<String> finalName, Optional<String> mainClass) {

        /** The jar {@code package} writes, relative to the repository root. */
        String jarPath() {
            return module + "/target/" + finalName.orElseThrow(() -> new AssertionError(module + " has no finalName"))
                    + ".jar";
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) return Optional.of(e);
        }
        return Optional.empty();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
