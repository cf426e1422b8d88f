package cloud.hyperbyte.model.manifest;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The raw input of a manifest: at most {@link #MAX_BYTES} bytes of UTF-8 text. Checked before any
 * parsing so that oversized or binary input is refused at once, whatever it holds.
 */
public final class ManifestText {

  /** Largest manifest accepted: 3 MiB, the API server's limit on a request body. */
  public static final int MAX_BYTES = 3 * 1024 * 1024;

  /** Where problems with the input as a whole are reported. */
  public static final String INPUT_PATH = "(input)";

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private ManifestText() {}

  /** The problem with an input of {@code size} bytes, if it is too large. */
  public static List<Problem> checkSize(long size) {
    if (size <= MAX_BYTES) {
      return List.of();
    }
    return List.of(Problem.error(INPUT_PATH, "is " + size + " bytes; a manifest may have at most " + MAX_BYTES
        + " bytes (3 MiB, the API server's request size limit)"));
  }

  /** {@code bytes} as text: refused when too large, not UTF-8 or holding control characters. */
  public static Validated<String> decode(byte[] bytes) {
    List<Problem> size = checkSize(bytes.length);
    if (!size.isEmpty()) {
      return Validated.failed(size);
    }
    int start = startsWithBom(bytes) ? UTF8_BOM.length : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer text;
    try {
      text = decoder.decode(in);
    } catch (CharacterCodingException e) {
      return Validated.failed(List.of(Problem.error(INPUT_PATH,
          "is not UTF-8 text (invalid byte sequence near byte " + in.position() + "); a manifest is YAML or JSON text")));
    }
    return checkText(text.toString());
  }

  /** {@code text} itself, refused when too large or when it holds control characters YAML and JSON forbid. */
  public static Validated<String> checkText(String input) {
    String text = input.startsWith("\uFEFF") ? input.substring(1) : input;
    List<Problem> size = checkSize(utf8Length(text));
    if (!size.isEmpty()) {
      return Validated.failed(size);
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      if (isForbiddenControl(c)) {
        return Validated.failed(List.of(Problem.error(INPUT_PATH, String.format(
            "line %d, column %d: control character U+%04X; a manifest is YAML or JSON text, not binary data",
            line, column, (int) c))));
      }
      column++;
    }
    return Validated.of(text, List.of());
  }

  private static boolean isForbiddenControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c == '\uFFFE' || c == '\uFFFF';
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
