package cloud.hyperbyte.render.metadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The first 16 hex characters (64 bits) of a SHA-256: for annotations and bounded identifiers. */
public final class ShortHash {

  public static final int LENGTH = 16;

  private ShortHash() {}

  /** Hash of the UTF-8 bytes of {@code text}. */
  public static String of(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }
}
