package cloud.hyperbyte.model.spec;

import java.util.Optional;
import org.immutables.value.Value;

/** Authentication. */
@Value.Immutable
public interface AuthSettings {

  /** Require credentials. */
  boolean enabled();

  /** Secret with the admin username and password. */
  Optional<String> credentialsSecretName();
}
