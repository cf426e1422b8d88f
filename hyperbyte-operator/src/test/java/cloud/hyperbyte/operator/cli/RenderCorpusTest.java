package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.manifest.ManifestText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance corpus of issue 14: hostile and edge-case manifests (one file per case under
 * {@code src/test/resources/render-corpus/}) run through the real command line. Each case names its
 * exit code and what stderr (and, when rendered, stdout) must hold, either in {@code # key: value}
 * header comments or, where a header would shift line numbers or cannot be written (JSON, binary),
 * in a sidecar {@code <file>.expect}. Keys: {@code exit}, {@code stderr}, {@code stdout},
 * {@code stdout-lacks} and {@code arg} (an extra command-line argument; {@code \n} is a newline).
 *
 * <p>For every case: the exit code is the expected one; a refusal prints nothing on stdout and every
 * error line names a field path (or {@code (input)} with line and column); a rendered manifest renders
 * byte-identically twice; and no stderr line shows a stack trace or a Java class name. Inputs too big
 * to check in (20 MiB, 10,000 levels deep) are generated.
 */
class RenderCorpusTest {

  private static final Pattern HEADER = Pattern.compile("# (exit|stderr|stdout|stdout-lacks|arg):.*");
  private static final Pattern ERROR_LINE = Pattern.compile("error: (document [^:]+: )?[^\\s:][^:]*: \\S.*");
  private static final Pattern QUALIFIED_CLASS = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*");
  private static final List<String> JAVA_LEAKS = List.of(
      "Exception", "at cloud.", "java.", "javax.", "tools.jackson", "org.snakeyaml", "io.fabric8", "picocli",
      "LinkedHashMap", "HashMap", "ArrayList", "JsonToken", "StackOverflowError", "OutOfMemoryError");

  @TestFactory
  Stream<DynamicTest> everyCorpusManifest() throws IOException {
    Path root = corpusRoot();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".expect")).sorted().toList();
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
      Expectation expected = Expectation.of(file);
      List<String> args = new ArrayList<>(List.of("render", "-f", file.toString()));
      args.addAll(expected.args);
      check(expected, args.toArray(String[]::new));
    }));
  }

  @Test
  void theCorpusCoversAtLeast150Cases() throws IOException {
    try (Stream<Path> walk = Files.walk(corpusRoot())) {
      assertThat(walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".expect")).count())
          .isGreaterThanOrEqualTo(150);
    }
  }

  @Test
  void aTwentyMebibyteOneLineValueIsRefusedForItsSize(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.yaml");
    Files.writeString(file, cluster("  annotations:\n    big: " + "a".repeat(20 * 1024 * 1024) + "\n"));

    check(Expectation.refused("(input)", "a manifest may have at most 3145728 bytes"), "render", "-f", file.toString());
  }

  @Test
  void stdinIsReadOnlyUpToTheLimit() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(new byte[ManifestText.MAX_BYTES * 4]));

      check(Expectation.refused("(input)", "is 3145729 bytes"), "render", "-f", "-");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void annotationsOverTheApiServersTotalAreRefusedWithTheirPath(@TempDir Path dir) throws IOException {
    Path metadata = dir.resolve("metadata.yaml");
    Files.writeString(metadata, cluster("  annotations:\n    big: " + "a".repeat(3_000_000) + "\n"));
    Path pods = dir.resolve("pods.yaml");
    Files.writeString(pods, cluster("") + "spec:\n  podAnnotations:\n    big: " + "a".repeat(262_145) + "\n");

    check(Expectation.refused("metadata.annotations", "at most 262144 bytes"), "render", "-f", metadata.toString());
    check(Expectation.refused("spec.podAnnotations", "at most 262144 bytes"), "render", "-f", pods.toString());
  }

  @Test
  void aLargeAnnotationWithinTheLimitsRenders(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("large.yaml");
    Files.writeString(file, cluster("  annotations:\n    note: " + "a".repeat(200_000) + "\n"));

    check(Expectation.rendered(), "render", "-f", file.toString());
  }

  @TestFactory
  Stream<DynamicTest> nestingTwoThousandToTenThousandDeepIsAClearError(@TempDir Path dir) {
    return Stream.of(2_000, 5_000, 10_000).flatMap(depth -> Stream.of(
        DynamicTest.dynamicTest("YAML flow, " + depth, () -> checkDeep(dir, "flow-" + depth + ".yaml",
            "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n")),
        DynamicTest.dynamicTest("JSON, " + depth, () -> checkDeep(dir, "deep-" + depth + ".json",
            "{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}")),
        DynamicTest.dynamicTest("YAML block, " + depth, () -> checkDeep(dir, "block-" + depth + ".yaml",
            blockNesting(Math.min(depth, 2_000))))));
  }

  private void checkDeep(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    check(Expectation.refused("(input)", "nest more than 100 levels deep"), "render", "-f", file.toString());
  }

  private static String blockNesting(int depth) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      yaml.append(" ".repeat(i)).append("k:\n");
    }
    return yaml.toString();
  }

  private static String cluster(String metadataExtra) {
    return "apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1\nkind: HyperbytedbCluster\n"
        + "metadata:\n  name: db\n  namespace: prod\n" + metadataExtra;
  }

  private static void check(Expectation expected, String... args) {
    CliRun first = CliRun.of(args);

    assertThat(first.exit()).as("exit code; stderr:\n%s", first.err()).isEqualTo(expected.exit);
    expected.stderr.forEach(text -> assertThat(first.err()).as("stderr").contains(text));
    List<String> errLines = first.err().lines().toList();
    for (String line : errLines) {
      assertThat(line).as("stderr line").doesNotContain(JAVA_LEAKS);
      assertThat(QUALIFIED_CLASS.matcher(line).find()).as("a Java class name in: %s", line).isFalse();
    }
    if (expected.exit == 0) {
      assertThat(first.out()).as("stdout").contains("kind: \"StatefulSet\"");
      expected.stdout.forEach(text -> assertThat(first.out()).as("stdout").contains(text));
      expected.stdoutLacks.forEach(text -> assertThat(first.out()).as("stdout").doesNotContain(text));
      assertThat(CliRun.of(args).out()).as("a second render, byte for byte").isEqualTo(first.out());
    } else {
      assertThat(first.out()).as("nothing on stdout when refused").isEmpty();
      assertThat(errLines.stream().filter(l -> l.startsWith("error: ")))
          .as("every refusal names its field path").isNotEmpty()
          .allSatisfy(line -> assertThat(line).matches(ERROR_LINE));
    }
  }

  private static Path corpusRoot() {
    try {
      return Path.of(Objects.requireNonNull(RenderCorpusTest.class.getResource("/render-corpus")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a case expects, from its header comments or its sidecar file. */
  private static final class Expectation {
    int exit = -1;
    final List<String> stderr = new ArrayList<>();
    final List<String> stdout = new ArrayList<>();
    final List<String> stdoutLacks = new ArrayList<>();
    final List<String> args = new ArrayList<>();

    static Expectation refused(String... stderr) {
      Expectation e = new Expectation();
      e.exit = RenderCommand.INVALID_MANIFEST;
      e.stderr.addAll(List.of(stderr));
      return e;
    }

    static Expectation rendered() {
      Expectation e = new Expectation();
      e.exit = 0;
      return e;
    }

    static Expectation of(Path file) throws IOException {
      Path sidecar = Path.of(file + ".expect");
      List<String> lines = new ArrayList<>();
      if (Files.exists(sidecar)) {
        lines.addAll(Files.readAllLines(sidecar, StandardCharsets.UTF_8));
      } else {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!HEADER.matcher(line).matches()) {
            break;
          }
          lines.add(line.substring(2));
        }
      }
      Expectation e = new Expectation();
      for (String line : lines) {
        int colon = line.indexOf(':');
        String value = line.substring(colon + 1);
        value = (value.startsWith(" ") ? value.substring(1) : value).replace("\\n", "\n");
        switch (line.substring(0, colon)) {
          case "exit" -> e.exit = Integer.parseInt(value);
          case "stderr" -> e.stderr.add(value);
          case "stdout" -> e.stdout.add(value);
          case "stdout-lacks" -> e.stdoutLacks.add(value);
          case "arg" -> e.args.add(value);
          default -> throw new IllegalArgumentException(file + ": unknown expectation " + line);
        }
      }
      assertThat(e.exit).as("%s names its exit code", file).isNotNegative();
      return e;
    }
  }
}
