package cloud.hyperbyte.reconcile.backup;

import java.util.Objects;

/** Static S3 credentials read from the credentials Secret. {@link #toString()} hides the secret. */
public record S3Credentials(String accessKeyId, String secretAccessKey) {

  public S3Credentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  @Override
  public String toString() {
    return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
  }
}
