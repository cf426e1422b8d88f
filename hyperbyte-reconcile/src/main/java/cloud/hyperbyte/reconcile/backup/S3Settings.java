package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.v1alpha1.S3Location;
import java.util.Objects;
import java.util.Optional;

/**
 * Where snapshots live, from a backup's {@code destination.s3} or a restore's {@code source.s3}.
 * The prefix is normalised: no leading or trailing slash, empty when absent.
 *
 * @param bucket bucket name
 * @param prefix key prefix without surrounding slashes, possibly empty
 * @param region signing region; {@value #DEFAULT_REGION} when the spec leaves it empty
 * @param endpoint endpoint of an S3-compatible store; empty means AWS
 * @param forcePathStyle path-style addressing ({@code endpoint/bucket/key})
 * @param credentialsSecretName Secret with {@value #ACCESS_KEY_ID_KEY} and {@value
 *     #SECRET_ACCESS_KEY_KEY}; empty means the environment's default credentials
 */
public record S3Settings(
    String bucket,
    String prefix,
    String region,
    Optional<String> endpoint,
    boolean forcePathStyle,
    Optional<String> credentialsSecretName) {

  public static final String DEFAULT_REGION = "us-east-1";
  /**
   * The options and credentials env every operator-image step that talks to the store (backup
   * upload, restore fetch) takes alike.
   */
  public static final String REGION_OPTION = "--region";
  public static final String ENDPOINT_OPTION = "--endpoint";
  public static final String PATH_STYLE_OPTION = "--path-style";
  public static final String ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
  public static final String SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";
  /** Key of the access key id in the credentials Secret (Go operator compatible). */
  public static final String ACCESS_KEY_ID_KEY = "access_key_id";
  /** Key of the secret access key in the credentials Secret (Go operator compatible). */
  public static final String SECRET_ACCESS_KEY_KEY = "secret_access_key";

  public S3Settings {
    Objects.requireNonNull(bucket, "bucket");
    prefix = normalizePrefix(prefix);
    region = region == null || region.isBlank() ? DEFAULT_REGION : region.trim();
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentialsSecretName, "credentialsSecretName");
  }

  /** Settings of a CR's S3 location; blank strings count as absent. */
  public static S3Settings of(S3Location location) {
    Objects.requireNonNull(location, "location");
    return new S3Settings(
        location.getBucket(),
        location.getPrefix(),
        location.getRegion(),
        nonBlank(location.getEndpoint()),
        Boolean.TRUE.equals(location.getForcePathStyle()),
        nonBlank(location.getCredentialsSecretName()));
  }

  /** The same store with another prefix (e.g. the folder of one snapshot). */
  public S3Settings withPrefix(String newPrefix) {
    return new S3Settings(bucket, newPrefix, region, endpoint, forcePathStyle, credentialsSecretName);
  }

  /** {@code s3://bucket/key}. */
  public String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }

  static String normalizePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    String trimmed = prefix.trim();
    int start = 0;
    int end = trimmed.length();
    while (start < end && trimmed.charAt(start) == '/') {
      start++;
    }
    while (end > start && trimmed.charAt(end - 1) == '/') {
      end--;
    }
    return trimmed.substring(start, end);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
