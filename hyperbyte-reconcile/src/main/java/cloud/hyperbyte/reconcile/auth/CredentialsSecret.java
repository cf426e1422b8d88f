package cloud.hyperbyte.reconcile.auth;

import cloud.hyperbyte.reconcile.port.AdminCredentials;
import cloud.hyperbyte.reconcile.snapshot.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * What the user's credentials Secret ({@code spec.auth.credentialsSecretName}) holds: keys
 * {@code username} and {@code password}, both non-empty and without control characters (they go into
 * an InfluxQL statement, quoted and escaped).
 */
public sealed interface CredentialsSecret {

  String USERNAME_KEY = "username";
  String PASSWORD_KEY = "password";

  /** The Secret's name. */
  String name();

  /** The Secret does not exist. */
  record Missing(String name) implements CredentialsSecret {}

  /** The Secret exists but cannot be used; {@code problem} says why (never the password). */
  record Malformed(String name, String problem) implements CredentialsSecret {}

  /** Usable credentials. */
  record Present(String name, AdminCredentials credentials) implements CredentialsSecret {}

  /** Reads Secret {@code name}, empty when it does not exist. */
  static CredentialsSecret read(String name, Optional<Secret> secret) {
    if (secret.isEmpty()) {
      return new Missing(name);
    }
    Optional<String> username = SecretData.text(secret.get(), USERNAME_KEY);
    Optional<String> password = SecretData.text(secret.get(), PASSWORD_KEY);
    if (username.isEmpty() || password.isEmpty()) {
      return new Malformed(name, "it has no key " + (username.isEmpty() ? USERNAME_KEY : PASSWORD_KEY));
    }
    for (String key : new String[] {USERNAME_KEY, PASSWORD_KEY}) {
      String value = key.equals(USERNAME_KEY) ? username.get() : password.get();
      if (value.isEmpty()) {
        return new Malformed(name, "its key " + key + " is empty");
      }
      if (value.chars().anyMatch(Character::isISOControl)) {
        return new Malformed(name, "its key " + key + " holds a control character (a trailing newline?)");
      }
    }
    return new Present(name, new AdminCredentials(username.get(), password.get()));
  }
}
