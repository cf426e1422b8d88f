package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
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
  public static final String REGION = "--region";
  public static final String ENDPOINT = "--endpoint";
  public static final String PATH_STYLE = "--path-style";
  public static final String ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
  public static final String SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";
  /** Exit code: the snapshot could not be restored (missing, incomplete, corrupt, refused). */
  public static final int EXIT_FAILED = 1;
  /** Exit code: bad arguments. */
  public static final int EXIT_USAGE = 2;
  /**
   * Exit code (sysexits' EX_TEMPFAIL): the object store was unavailable (no connection, timeout,
   * throttling, 5xx); another attempt may succeed.
   */
  public static final int EXIT_TRANSIENT = 75;

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
   * Parses the arguments after the subcommand (the operator's CLI hands them over).
   *
   * @throws IllegalArgumentException naming the first missing or unknown argument
   */
  public static RestoreFetchArgs parse(List<String> args) {
    String bucket = null;
    String folder = null;
    String output = null;
    String region = null;
    String endpoint = null;
    boolean pathStyle = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case SUBCOMMAND -> { }
        case BUCKET -> bucket = value(args, ++i, arg);
        case SNAPSHOT -> folder = value(args, ++i, arg);
        case OUTPUT -> output = value(args, ++i, arg);
        case REGION -> region = value(args, ++i, arg);
        case ENDPOINT -> endpoint = value(args, ++i, arg);
        case PATH_STYLE -> pathStyle = true;
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    require(bucket, BUCKET);
    require(folder, SNAPSHOT);
    require(output, OUTPUT);
    S3Settings settings =
        new S3Settings(bucket, "", region, Optional.ofNullable(endpoint), pathStyle, Optional.empty());
    return new RestoreFetchArgs(settings, new SnapshotLocation(bucket, folder), output);
  }

  private static String value(List<String> args, int index, String name) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args.get(index);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
