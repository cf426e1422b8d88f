package cloud.hyperbyte.model.spec;

import java.util.Optional;
import org.immutables.value.Value;

/** Where the server certificate comes from, if anywhere. */
@Value.Immutable
public interface TlsSettings {

  /** Disabled, operator CA, user Secret or cert-manager. */
  TlsMode mode();

  /** The user-supplied kubernetes.io/tls Secret (mode USER_SECRET). */
  Optional<String> userSecretName();

  /** The cert-manager issuer (mode CERT_MANAGER). */
  Optional<IssuerRef> issuer();
}
