package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.pod.StepExit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contract between the restore pod's init container and the operator jar: the arguments of
 * {@code java -jar hyperbyte.jar restore-fetch}. The subcommand reads the snapshot's {@code
 * manifest.json} (it must be complete), streams {@code backup.tar} from the bucket, verifies its
 * size and SHA-256 while unpacking it into {@code --output}, and exits non-zero (writing the reason
 * to {@code /dev/termination-log}) on any mismatch, leaving no partial output behind: {@link
 * #EXIT_TRANSIENT} when the store was unavailable, {@link #EXIT_FAILED} when the snapshot cannot be
 * restored, {@link #EXIT_USAGE} for bad arguments.
 *
 * <pre>
 * restore-fetch --bucket BUCKET --snapshot FOLDER/ --output DIR
 *               [--region REGION] [--endpoint URL] [--path-style]
 * env: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (from the credentials Secret; absent = default chain)
 * </pre>
 *
 * @param settings bucket, region, endpoint, path style (the prefix is not used)
 * @param snapshot the snapshot folder
 * @param output directory to unpack into (created; must be empty or absent)
 */
public record RestoreFetchArgs(S3Settings settings, SnapshotLocation snapshot, String output) {

  public static final String SUBCOMMAND = "restore-fetch";
  public static final String BUCKET = "--bucket";
  public static final String SNAPSHOT = "--snapshot";
  public static final String OUTPUT = "--output";
  public static final String REGION = S3Settings.REGION_OPTION;
  public static final String ENDPOINT = S3Settings.ENDPOINT_OPTION;
  public static final String PATH_STYLE = S3Settings.PATH_STYLE_OPTION;
  public static final String ACCESS_KEY_ENV = S3Settings.ACCESS_KEY_ENV;
  public static final String SECRET_KEY_ENV = S3Settings.SECRET_KEY_ENV;
  /** Exit code: the snapshot could not be restored (missing, incomplete, corrupt, refused). */
  public static final int EXIT_FAILED = StepExit.FAILED;
  /** Exit code: bad arguments. */
  public static final int EXIT_USAGE = StepExit.USAGE;
  /**
   * Exit code (sysexits' EX_TEMPFAIL): the object store was unavailable (no connection, timeout,
   * throttling, 5xx); another attempt may succeed.
   */
  public static final int EXIT_TRANSIENT = StepExit.TRANSIENT;

  public RestoreFetchArgs {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(output, "output");
  }

  /** The container args, subcommand first. */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    args.add(SUBCOMMAND);
    args.add(BUCKET);
    args.add(snapshot.bucket());
    args.add(SNAPSHOT);
    args.add(snapshot.folder());
    args.add(OUTPUT);
    args.add(output);
    args.add(REGION);
    args.add(settings.region());
    settings.endpoint().ifPresent(endpoint -> {
      args.add(ENDPOINT);
      args.add(endpoint);
    });
    if (settings.forcePathStyle()) {
      args.add(PATH_STYLE);
    }
    return List.copyOf(args);
  }

  /**
   * The contract from the arguments' values, as the operator's command line parses them (its
   * options are named by the constants above); {@code region}, {@code endpoint} may be null.
   *
   * @throws IllegalArgumentException naming the first blank required argument
   */
  public static RestoreFetchArgs of(String bucket, String snapshotFolder, String output, String region,
      String endpoint, boolean pathStyle) {
    require(bucket, BUCKET);
    require(snapshotFolder, SNAPSHOT);
    require(output, OUTPUT);
    S3Settings settings = new S3Settings(bucket, "", region,
        Optional.ofNullable(endpoint).filter(e -> !e.isBlank()), pathStyle, Optional.empty());
    return new RestoreFetchArgs(settings, new SnapshotLocation(bucket, snapshotFolder), output);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
