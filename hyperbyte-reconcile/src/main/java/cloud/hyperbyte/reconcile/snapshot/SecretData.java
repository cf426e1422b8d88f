package cloud.hyperbyte.reconcile.snapshot;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The decoded contents of a Secret: {@code data} (base64) and {@code stringData}, which a client may
 * set and which then wins, as the API server merges it over {@code data} on write.
 */
public final class SecretData {

  private SecretData() {}

  /** Every key's bytes; empty for an absent Secret. */
  public static Map<String, byte[]> of(Optional<Secret> secret) {
    Map<String, byte[]> data = new TreeMap<>();
    secret.ifPresent(s -> {
      if (s.getData() != null) {
        s.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
      }
      if (s.getStringData() != null) {
        s.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
      }
    });
    return data;
  }

  /** The UTF-8 text under {@code key}, if the Secret has it. */
  public static Optional<String> text(Secret secret, String key) {
    return Optional.ofNullable(of(Optional.of(secret)).get(key)).map(v -> new String(v, StandardCharsets.UTF_8));
  }

  /** {@code data} for a Secret to write: every value base64-encoded. */
  public static Map<String, String> encode(Map<String, byte[]> data) {
    Map<String, String> encoded = new TreeMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v)));
    return encoded;
  }
}
