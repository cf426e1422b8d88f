package cloud.hyperbyte.render.tls;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.topology.ClusterNames;
import java.util.Optional;

/**
 * The Secret mounted at the TLS directory of database pods. Operator CA and cert-manager both write
 * {@code <name>-tls} (the first with {@code node-<i>.crt/.key} per member, the second with
 * {@code tls.crt/tls.key}); a user Secret is mounted as given ({@code tls.crt/tls.key}).
 */
public final class TlsSecretSource {

  private TlsSecretSource() {}

  /** The Secret to mount, or empty when TLS is off. */
  public static Optional<String> secretName(ClusterSpec spec) {
    TlsMode mode = spec.server().tls().mode();
    return switch (mode) {
      case DISABLED -> Optional.empty();
      case OPERATOR_CA, CERT_MANAGER -> Optional.of(ClusterNames.of(spec).tlsSecret());
      case USER_SECRET ->
          Optional.of(
              spec.server().tls().userSecretName()
                  .orElseThrow(() -> new IllegalArgumentException("TLS mode USER_SECRET without a Secret name")));
    };
  }

  /** Whether members serve HTTPS. */
  public static boolean enabled(ClusterSpec spec) {
    return spec.server().tls().mode() != TlsMode.DISABLED;
  }

  /** Whether each member picks its own {@code node-<i>} files from the Secret at start. */
  public static boolean perMemberFiles(ClusterSpec spec) {
    return spec.server().tls().mode() == TlsMode.OPERATOR_CA;
  }
}
