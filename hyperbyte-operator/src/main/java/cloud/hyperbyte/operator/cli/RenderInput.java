package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.model.manifest.ManifestText;
import cloud.hyperbyte.model.spec.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One manifest {@code render} reads: a file, stdin or an embedded example, with the name its
 * messages carry and the name of its output file under {@code --output-dir}.
 *
 * @param name how messages name it: the path as given, {@code -} for stdin, or {@code example NAME}
 * @param outputName {@code <base name without extension>.yaml}
 */
record RenderInput(String name, String outputName, Source source) {

  /** Extensions a directory's manifests have; other files in it are not read. */
  static final List<String> MANIFEST_EXTENSIONS = List.of(".yaml", ".yml", ".json");

  /** Where the bytes come from. */
  @FunctionalInterface
  interface Source {
    byte[] read() throws IOException, TooLargeException;
  }

  /** Input refused for its size before it is read whole. */
  static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    TooLargeException(List<Problem> problems) {
      super(null, null, false, false);
      this.problems = problems;
    }

    List<Problem> problems() {
      return problems;
    }
  }

  /** The bytes, at most {@link ManifestText#MAX_BYTES}. */
  byte[] read() throws IOException, TooLargeException {
    return source.read();
  }

  /**
   * The inputs {@code -f} names, in order: a directory stands for its manifests ({@link
   * #MANIFEST_EXTENSIONS}, not recursive, sorted by name), as {@code kubectl apply -f DIR} reads it.
   *
   * @throws IllegalArgumentException naming the argument that is neither a file nor a directory holding manifests
   */
  static List<RenderInput> of(List<String> arguments, InputStream stdin) throws IOException {
    List<RenderInput> inputs = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        inputs.add(new RenderInput("-", "stdin.yaml", () -> {
          // one byte past the limit, so an endless stream is refused without being read whole
          byte[] bytes = stdin.readNBytes(ManifestText.MAX_BYTES + 1);
          checkSize(bytes.length);
          return bytes;
        }));
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        List<Path> manifests = manifestsIn(path);
        if (manifests.isEmpty()) {
          throw new IllegalArgumentException("directory " + path + " holds no " + String.join(", ", MANIFEST_EXTENSIONS)
              + " file");
        }
        manifests.forEach(file -> inputs.add(file(file, file.toString())));
      } else if (Files.isRegularFile(path)) {
        inputs.add(file(path, argument));
      } else {
        throw new IllegalArgumentException("no such file: " + path);
      }
    }
    return inputs;
  }

  /** An example embedded in the jar under {@code /examples}. */
  static RenderInput example(String example) {
    return new RenderInput("example " + example, example + ".yaml", () -> {
      try (InputStream in = RenderInput.class.getResourceAsStream("/examples/" + example + ".yaml")) {
        if (in == null) {
          throw new IllegalArgumentException("example " + example + " is not embedded in this build");
        }
        return in.readAllBytes();
      }
    });
  }

  private static RenderInput file(Path path, String name) {
    return new RenderInput(name, baseName(path) + ".yaml", () -> {
      checkSize(Files.size(path));
      return Files.readAllBytes(path);
    });
  }

  private static List<Path> manifestsIn(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isRegularFile)
          .filter(p -> MANIFEST_EXTENSIONS.stream().anyMatch(ext -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)))
          .sorted()
          .toList();
    }
  }

  private static String baseName(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static void checkSize(long size) throws TooLargeException {
    List<Problem> problems = ManifestText.checkSize(size);
    if (!problems.isEmpty()) {
      throw new TooLargeException(problems);
    }
  }
}
