package cloud.hyperbyte.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: expected output committed beside the test that owns it. A test compares what the
 * code produces with the file; {@code mvn verify -Dgolden.update=true} rewrites every golden file
 * from the current output instead, so a reviewer sees intended changes as a diff.
 */
public final class GoldenFiles {

  /** System property that switches every golden assertion to rewriting its file. */
  public static final String UPDATE_PROPERTY = "golden.update";

  private GoldenFiles() {}

  /** Whether this run rewrites golden files. */
  public static boolean updating() {
    return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"));
  }

  /**
   * Asserts that {@code file} holds exactly {@code actual}; when updating, writes {@code actual} to
   * {@code file} (creating directories) and passes.
   */
  public static void assertMatches(Path file, String actual) {
    if (updating()) {
      write(file, actual);
      return;
    }
    if (!Files.isRegularFile(file)) {
      fail("golden file " + file + " is missing; create it with: mvn -B verify -D" + UPDATE_PROPERTY + "=true");
    }
    assertThat(actual)
        .as("output differs from golden file %s (if the change is intended: mvn -B verify -D%s=true)", file, UPDATE_PROPERTY)
        .isEqualTo(read(file));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
