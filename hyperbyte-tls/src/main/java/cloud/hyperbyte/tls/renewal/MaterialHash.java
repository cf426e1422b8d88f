package cloud.hyperbyte.tls.renewal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stable fingerprint of the TLS material the pods run with, for a pod-template annotation: when
 * any certificate or key changes the hash changes and the members roll to load it (the server reads
 * its PEM files only at start).
 */
public final class MaterialHash {

  private MaterialHash() {}

  /**
   * Lower-case hex SHA-256 over the entries of {@code secretData} (e.g. {@code ca.crt}, {@code
   * node-<i>.crt}, {@code node-<i>.key}) in key order, each key and value length-prefixed so no two
   * different maps hash alike by concatenation. Insertion order of the map does not matter.
   */
  public static String of(Map<String, byte[]> secretData) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (Map.Entry<String, byte[]> entry : new TreeMap<>(secretData).entrySet()) {
      update(digest, entry.getKey().getBytes(StandardCharsets.UTF_8));
      update(digest, entry.getValue());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, byte[] bytes) {
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    digest.update(bytes);
  }
}
