package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.snapshot.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads S3 credentials from the Secret a destination or source names ({@value
 * S3Settings#ACCESS_KEY_ID_KEY}, {@value S3Settings#SECRET_ACCESS_KEY_KEY}). Read directly, not from
 * the informer cache: the cache holds only Secrets the operator manages, and a user's Secret is read
 * only when a run needs it.
 */
public final class SecretCredentials {

  private final KubernetesClient client;

  public SecretCredentials(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * The credentials of {@code settings}; empty when it names no Secret (the environment's default
   * credentials apply).
   *
   * @throws MissingCredentialsException when the Secret or one of its keys is missing
   */
  public Optional<S3Credentials> read(String namespace, S3Settings settings) {
    if (settings.credentialsSecretName().isEmpty()) {
      return Optional.empty();
    }
    String name = settings.credentialsSecretName().get();
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new MissingCredentialsException("Secret " + name + " (credentialsSecretName) not found in namespace "
          + namespace + "; create it with keys " + S3Settings.ACCESS_KEY_ID_KEY + " and "
          + S3Settings.SECRET_ACCESS_KEY_KEY);
    }
    return Optional.of(new S3Credentials(
        value(secret, S3Settings.ACCESS_KEY_ID_KEY), value(secret, S3Settings.SECRET_ACCESS_KEY_KEY)));
  }

  private static String value(Secret secret, String key) {
    return SecretData.text(secret, key).map(String::strip).orElseThrow(() -> new MissingCredentialsException(
        "Secret " + secret.getMetadata().getName() + " has no key " + key
            + " (expected " + S3Settings.ACCESS_KEY_ID_KEY + " and " + S3Settings.SECRET_ACCESS_KEY_KEY + ")"));
  }

  /** The credentials Secret, or one of its keys, does not exist. */
  public static final class MissingCredentialsException extends RuntimeException {
    MissingCredentialsException(String message) {
      super(message);
    }
  }
}
