package cloud.hyperbyte.render.metadata;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The first 16 hex characters (64 bits) of a SHA-256: for annotations and bounded identifiers. */
public final class ShortHash {

  public static final int LENGTH = 16;

  private ShortHash() {}

  /** Hash of the UTF-8 bytes of {@code text}. */
  public static String of(String text) {
    return HexFormat.of().formatHex(Sha256.digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, LENGTH);
  }
}
