package cloud.hyperbyte.reconcile.tls;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The decoded bytes of a Secret's {@code data} (and {@code stringData}, as a client may set it). */
final class SecretData {

  private SecretData() {}

  static Map<String, byte[]> of(Optional<Secret> secret) {
    Map<String, byte[]> data = new TreeMap<>();
    secret.ifPresent(s -> {
      if (s.getData() != null) {
        s.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
      }
      if (s.getStringData() != null) {
        s.getStringData().forEach((k, v) -> data.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    });
    return data;
  }

  static Map<String, String> encode(Map<String, byte[]> data) {
    Map<String, String> encoded = new TreeMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v)));
    return encoded;
  }
}
