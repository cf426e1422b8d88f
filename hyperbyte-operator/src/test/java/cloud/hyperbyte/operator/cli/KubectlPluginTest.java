package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist/kubectl-hyperbyte} run by the real {@code /bin/sh}, installed as a user installs it:
 * copied into a directory with {@code hyperbyte.jar} next to it. The jar here is a thin one whose
 * manifest points at this build's classes (the shaded jar is made after the tests), so the launcher
 * runs exactly what {@code java -jar} runs. The class-data-sharing archive the launcher makes on a
 * first run goes to a cache of the test's own, in the tests about it.
 */
class KubectlPluginTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));

  @TempDir Path dir;
  private Path bin;
  private Path jar;
  private Path cache;

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
    cache = Files.createDirectories(dir.resolve("cache"));
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
  void aSymlinkOnThePathFindsTheJarBesideTheRealScriptAndACacheThatCannotBeWrittenIsNoFailure() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("path"));
    Path link = Files.createSymbolicLink(elsewhere.resolve("kubectl-hyperbyte"), bin.resolve("kubectl-hyperbyte"));
    Path notADirectory = Files.writeString(dir.resolve("cache-file"), "a file where the cache directory would be");

    Result result = run(List.of(link.toString(), "--version"), Map.of("HYPERBYTE_CACHE", notADirectory.toString()));

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.text()).startsWith("hyperbyte ");
    // (the test class path's second logging provider makes SLF4J speak; the shaded jar has one)
    assertThat(result.err()).doesNotContain("[warning]", "[cds", "shared archive");
  }

  @Test
  void theFirstRunArchivesWhatARenderLoadsAndLaterRendersMapThoseClassesFromTheArchive() throws Exception {
    Path real = packedJar(bin.resolve("hyperbyte.jar"));
    Path log = dir.resolve("classes.log");

    Map<String, String> cached = Map.of("HYPERBYTE_CACHE", cache.toString());
    Result first = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "--version"), cached);
    Result render = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "render", "-f",
        PROJECT.resolve("examples/three-node.yaml").toString()),
        Map.of("HYPERBYTE_CACHE", cache.toString(), "HYPERBYTE_JAVA_OPTS", "-Xlog:class+load:file=" + log));
    Result direct = run(List.of(java(), "-jar", real.toString(), "render", "-f",
        PROJECT.resolve("examples/three-node.yaml").toString()), Map.of());

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).doesNotContain("[warning]", "[cds", "shared archive");
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".jsa");
    }
    assertThat(render.code()).as(render.err()).isZero();
    assertThat(render.out()).isEqualTo(direct.out());
    List<String> loaded = Files.readAllLines(log).stream()
        .filter(line -> line.contains(" cloud.hyperbyte.render.") || line.contains(" picocli.CommandLine "))
        .toList();
    assertThat(loaded).isNotEmpty().allSatisfy(line -> assertThat(line).contains("source: shared objects file"));
  }

  @Test
  void aFailedFirstRunLeavesNoArchiveAndIsNotRepeated() throws Exception {
    // a jar without a main class: the render the archive is made from fails
    Path broken = dir.resolve("broken.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(broken); JarOutputStream empty = new JarOutputStream(file, manifest)) {
      empty.flush();
    }
    Map<String, String> env = Map.of("HYPERBYTE_JAR", broken.toString(), "HYPERBYTE_CACHE", cache.toString());

    Result first = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "--version"), env);
    Path marker;
    try (Stream<Path> cached = Files.list(cache)) {
      marker = cached.collect(Collectors.toList()).get(0);
    }
    FileTime markedAt = Files.getLastModifiedTime(marker);
    Result second = run(List.of(bin.resolve("kubectl-hyperbyte").toString(), "--version"), env);

    try (Stream<Path> cached = Files.list(cache)) {
      assertThat(cached).containsExactly(marker);
    }
    assertThat(marker.getFileName().toString()).endsWith(".jsa.failed");
    assertThat(Files.getLastModifiedTime(marker)).isEqualTo(markedAt);
    // the command itself still runs, and fails as java -jar does
    assertThat(first.code()).isEqualTo(1);
    assertThat(second.code()).isEqualTo(1);
    assertThat(second.err()).contains("no main manifest attribute");
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
    builder.environment().remove("HYPERBYTE_JAVA_OPTS");
    // no archive unless a test asks for one: making it costs seconds of CPU
    builder.environment().put("HYPERBYTE_CACHE", "off");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    int code = builder.start().waitFor();
    return new Result(code, Files.readAllBytes(out), Files.readString(err));
  }

  /**
   * A jar class-data sharing accepts, as the shaded one is: this JVM's class-path directories packed
   * into it (the first of equal names wins, as on the class path), the class path's jars beside it
   * in {@code lib/} (links) and named by its manifest.
   */
  private static Path packedJar(Path target) throws IOException {
    Path lib = Files.createDirectories(target.resolveSibling("lib"));
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(Attributes.Name.MAIN_CLASS, HyperbyteCommand.class.getName());
    List<String> classPath = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (Files.isDirectory(path)) {
        directories.add(path);
      } else if (Files.isRegularFile(path)) {
        Path linked = Files.createSymbolicLink(lib.resolve(classPath.size() + "-" + path.getFileName()), path);
        classPath.add("lib/" + linked.getFileName());
      }
    }
    attributes.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    Set<String> written = new HashSet<>();
    Files.deleteIfExists(target);
    try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest)) {
      for (Path directory : directories) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path path : files) {
          String name = directory.relativize(path).toString().replace(File.separatorChar, '/');
          if (!name.equals("META-INF/MANIFEST.MF") && written.add(name)) {
            jar.putNextEntry(new JarEntry(name));
            Files.copy(path, jar);
            jar.closeEntry();
          }
        }
      }
    }
    return target;
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
