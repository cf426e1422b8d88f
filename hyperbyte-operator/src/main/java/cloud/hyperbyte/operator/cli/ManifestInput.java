package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.manifest.ManifestText;
import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads one manifest file (or stdin for {@code -}) for {@code plan} through {@code render}'s
 * {@link RenderInput} (at most {@link ManifestText#MAX_BYTES}), and parses it as render does: UTF-8
 * text, YAML or JSON documents; so both refuse the same input with the same messages.
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

  /** The bytes of {@code file}, or of stdin for {@code -}, read as {@code render} reads one input; refused (too large) as problems. */
  static Validated<byte[]> read(String file, InputStream stdin) throws UnreadableException {
    try {
      List<RenderInput> inputs = RenderInput.of(List.of(file), stdin);
      if (inputs.size() != 1) {
        throw new UnreadableException(file + " is a directory; plan takes one manifest file");
      }
      return Validated.of(inputs.get(0).read(), List.of());
    } catch (RenderInput.TooLargeException e) {
      return Validated.failed(e.problems());
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableException(e.getMessage());
    }
  }

  /** The documents of {@code bytes}: decoded as UTF-8 text and parsed as YAML or JSON. */
  static Validated<List<ManifestDocument>> documents(byte[] bytes) {
    Validated<String> text = ManifestText.decode(bytes);
    return text.isValid() ? ManifestDocuments.parse(text.orElseThrow()) : Validated.failed(text.problems());
  }
}
