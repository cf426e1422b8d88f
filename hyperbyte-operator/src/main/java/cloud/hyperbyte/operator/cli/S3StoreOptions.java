package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.reconcile.backup.S3Settings;
import picocli.CommandLine.Option;

/**
 * How to reach the object store, for the steps that talk to it ({@code backup-upload}, {@code
 * restore-fetch}; a picocli mixin): both contracts take them as {@link S3Settings} names them.
 */
final class S3StoreOptions {

  /** The help footer lines on credentials, which come from the environment. */
  static final String CREDENTIALS_ENV = "  " + S3Settings.ACCESS_KEY_ENV + ", " + S3Settings.SECRET_KEY_ENV;
  static final String CREDENTIALS_SOURCE = "      S3 credentials, from the credentials Secret through secretKeyRef.";
  static final String CREDENTIALS_ABSENT = "      Absent: the AWS SDK's default credentials chain.";

  @Option(names = S3Settings.REGION_OPTION, paramLabel = "REGION",
      description = "Signing region (default: " + S3Settings.DEFAULT_REGION + ").")
  String region;

  @Option(names = S3Settings.ENDPOINT_OPTION, paramLabel = "URL",
      description = "Endpoint of an S3-compatible store; absent means AWS.")
  String endpoint;

  @Option(names = S3Settings.PATH_STYLE_OPTION, description = "Path-style addressing (URL/BUCKET/KEY), as MinIO needs.")
  boolean pathStyle;
}
