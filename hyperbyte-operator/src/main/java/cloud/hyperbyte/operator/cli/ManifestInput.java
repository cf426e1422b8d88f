package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.manifest.ManifestText;
import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a manifest file (or stdin for {@code -}) as {@code kubectl apply -f} would take it: at most
 * {@link ManifestText#MAX_BYTES} of UTF-8 text, YAML or JSON documents. Shared by {@code render} and
 * {@code plan}, so both refuse the same input with the same messages.
 */
final class ManifestInput {

  private ManifestInput() {}

  /** A file that could not be read at all (no such file, an I/O error). */
  static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message, null, false, false);
    }
  }

  /** The bytes of {@code file}, or of stdin for {@code -}; refused (too large) as problems. */
  static Validated<byte[]> read(String file, InputStream stdin) throws UnreadableException {
    try {
      if (file.equals("-")) {
        // read one byte past the limit, so an endless stream is refused without being read whole
        byte[] bytes = stdin.readNBytes(ManifestText.MAX_BYTES + 1);
        List<Problem> tooLarge = ManifestText.checkSize(bytes.length);
        return tooLarge.isEmpty() ? Validated.of(bytes, List.of()) : Validated.failed(tooLarge);
      }
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new UnreadableException("no such file: " + path);
      }
      List<Problem> tooLarge = ManifestText.checkSize(Files.size(path));
      return tooLarge.isEmpty() ? Validated.of(Files.readAllBytes(path), List.of()) : Validated.failed(tooLarge);
    } catch (IOException e) {
      throw new UnreadableException(e.getMessage());
    }
  }

  /** The documents of {@code bytes}: decoded as UTF-8 text and parsed as YAML or JSON. */
  static Validated<List<ManifestDocument>> documents(byte[] bytes) {
    Validated<String> text = ManifestText.decode(bytes);
    return text.isValid() ? ManifestDocuments.parse(text.orElseThrow()) : Validated.failed(text.problems());
  }
}
