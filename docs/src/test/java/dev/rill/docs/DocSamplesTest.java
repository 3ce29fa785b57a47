package dev.rill.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every {@code ```java} block of the user guide against Rill's modules, so a sample that no
 * longer matches the API fails the build. A block that declares a top-level type is compiled as a
 * file of its own; any other block is a snippet and is compiled as the body of a method. Both get the
 * imports of {@link #STANDARD_IMPORTS}; a snippet's own import lines are moved to the top. The
 * project README's samples are compiled the same way.
 */
class DocSamplesTest {
    private static final Path DOCS = Path.of(System.getProperty("rill.docs.dir", ".")).toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```java\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
        "^(?:public\\s+|final\\s+|abstract\\s+)*(class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
    private static final String STANDARD_IMPORTS = String.join("\n",
        "import dev.rill.common.header.*;",
        "import dev.rill.common.serialization.*;",
        "import dev.rill.common.utils.Bytes;",
        "import dev.rill.streams.*;",
        "import dev.rill.streams.kstream.*;",
        "import dev.rill.streams.processor.*;",
        "import dev.rill.streams.processor.api.*;",
        "import dev.rill.streams.processor.api.Record;",
        "import dev.rill.streams.state.*;",
        "import dev.rill.streams.test.*;",
        "import java.time.*;",
        "import java.util.*;",
        "import static org.junit.jupiter.api.Assertions.*;",
        "");

    @TestFactory
    Stream<DynamicTest> everyJavaSampleCompiles() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(DOCS)) {
            pages = new ArrayList<>(files.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        Path readme = DOCS.resolveSibling("README.md");
        if (Files.exists(readme)) {
            pages.add(readme);
        }
        assertThat(pages).as("Markdown pages in %s", DOCS).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages) {
            String text = read(page);
            Matcher m = BLOCK.matcher(text);
            int n = 0;
            while (m.find()) {
                int index = ++n;
                String code = m.group(1);
                int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                tests.add(DynamicTest.dynamicTest(page.getFileName() + " sample " + index + " (line " + line + ")",
                    () -> compile(page.getFileName().toString(), index, line, code)));
            }
        }
        return tests.stream();
    }

    private static void compile(String page, int index, int line, String code) {
        String className;
        String source;
        Matcher type = TOP_LEVEL_TYPE.matcher(code);
        if (type.find()) {
            className = type.group(2);
            source = (code.contains("import ") ? "" : STANDARD_IMPORTS) + code;
        } else {
            // A snippet's own import lines go to the top of the file, the rest into a method body.
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String l : code.split("\n", -1)) {
                (l.startsWith("import ") ? imports : body).append(l).append('\n');
            }
            className = "Sample" + index + "_" + page.replaceAll("[^A-Za-z0-9]", "_");
            source = STANDARD_IMPORTS + imports + "class " + className + " {\n  @SuppressWarnings(\"unused\")\n  void sample() throws Exception {\n"
                + body + "\n  }\n}\n";
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out;
        try {
            out = Files.createTempDirectory("doc-sample");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                "-proc:none", "-Xlint:none");
            StringWriter log = new StringWriter();
            boolean ok = compiler.getTask(log, files, diagnostics, options, null, List.of(file)).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    report.append("\n  ").append(d.getMessage(Locale.ROOT)).append(" (generated line ").append(d.getLineNumber()).append(')');
                }
            }
            assertThat(ok).as("the sample at %s line %d does not compile:%s%n--- compiled source ---%n%s", page, line, report, source).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
