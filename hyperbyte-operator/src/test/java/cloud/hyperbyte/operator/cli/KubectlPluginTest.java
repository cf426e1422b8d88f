package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist/kubectl-hyperbyte} run by the real {@code /bin/sh}, installed as a user installs it:
 * copied into a directory with {@code hyperbyte.jar} next to it. The jar here is a thin one whose
 * manifest points at this build's classes (the shaded jar is made after the tests), so the launcher
 * runs exactly what {@code java -jar} runs.
 */
class KubectlPluginTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));

  @TempDir Path dir;
  private Path bin;
  private Path jar;

  private record Result(int code, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  @BeforeEach
  void install() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    Path plugin = bin.resolve("kubectl-hyperbyte");
    Files.copy(PROJECT.resolve("dist/kubectl-hyperbyte"), plugin);
    assertThat(plugin.toFile().setExecutable(true)).isTrue();
    jar = thinJar(bin.resolve("hyperbyte.jar"));
  }

  @Test
  void renderPrintsTheBytesJavaDashJarPrintsEvenWithSpacesAndGlobCharactersInTheArguments() throws Exception {
    Path input = Files.createDirectories(dir.resolve("my manifests")).resolve("db *.yaml");
    Files.copy(PROJECT.resolve("examples/three-node.yaml"), input);

    Result plugin = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "render", "-f", input.toString(),
        "--namespace", "staging"), Map.of());
    Result direct = run(List.of(java(), "-jar", jar.toString(), "render", "-f", input.toString(),
        "--namespace", "staging"), Map.of());

    assertThat(plugin.code()).as(plugin.err()).isZero();
    assertThat(plugin.out()).isEqualTo(direct.out());
    assertThat(plugin.text()).contains("namespace: \"staging\"");
  }

  @Test
  void versionAndExitCodesPassThrough() throws Exception {
    Result version = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "--version"), Map.of());
    Result refused = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "render", "-f", dir.resolve("none.yaml").toString()),
        Map.of());

    assertThat(version.code()).isZero();
    assertThat(version.text()).startsWith("hyperbyte ");
    assertThat(refused.code()).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(refused.err()).contains("no such file");
  }

  @Test
  void aSymlinkOnThePathFindsTheJarBesideTheRealScriptAndAStaleArchiveIsIgnoredSilently() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("path"));
    Path link = Files.createSymbolicLink(elsewhere.resolve("kubectl-hyperbyte"), bin.resolve("kubectl-hyperbyte"));
    Files.writeString(bin.resolve("hyperbyte.jsa"), "not an archive of this jar");

    Result result = run(List.of(link.toString(), "--version"), Map.of());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.text()).startsWith("hyperbyte ");
    // (the test class path's second logging provider makes SLF4J speak; the shaded jar has one)
    assertThat(result.err()).doesNotContain("[warning]", "[cds", "shared archive");
  }

  @Test
  void hyperbyteJarNamesTheJarAndAMissingOneIsReported() throws Exception {
    Path moved = Files.move(jar, dir.resolve("elsewhere.jar"));

    Result found = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "--version"),
        Map.of("HYPERBYTE_JAR", moved.toString()));
    Result missing = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "--version"), Map.of());

    assertThat(found.code()).as(found.err()).isZero();
    assertThat(missing.code()).isEqualTo(127);
    assertThat(missing.err()).contains("no jar at " + bin.resolve("hyperbyte.jar"), "HYPERBYTE_JAR");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("HYPERBYTE_JAR");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    int code = builder.start().waitFor();
    return new Result(code, Files.readAllBytes(out), Files.readString(err));
  }

  /** A jar with only a manifest: this JVM's class path, and the command line's main class. */
  private static Path thinJar(Path target) throws IOException {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(Attributes.Name.MAIN_CLASS, HyperbyteCommand.class.getName());
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(Path.of(entry).toAbsolutePath().toUri().toString());
    }
    attributes.put(Attributes.Name.CLASS_PATH, entries.stream().collect(Collectors.joining(" ")));
    try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest)) {
      jar.flush();
    }
    return target;
  }
}
