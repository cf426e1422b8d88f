package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.reconcile.pod.StepExit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contract between the backup pod's upload container and the operator jar: the arguments of
 * {@code hyperbyte backup-upload}. The subcommand streams the server's backup directory {@code
 * --snapshot} as a tar into the destination ({@link SnapshotUpload}: multipart, SHA-256, manifest,
 * retention), removes the attempt's scratch directory {@code --scratch} whatever happened, and
 * writes its {@link BackupUploadResult} as the container's termination message. Exit status: 0
 * uploaded, {@link #EXIT_FAILED} failed for good, {@link #EXIT_TRANSIENT} another attempt may
 * succeed, {@link #EXIT_USAGE} bad arguments.
 *
 * <pre>
 * backup-upload --snapshot DIR --scratch DIR --run-id ID --namespace NS --cluster NAME --backup NAME
 *               --source-pod POD --member POD... --server-version V --retention-days N
 *               --scheduled-time T --bucket B [--prefix P] [--region R] [--endpoint URL] [--path-style]
 *               [--credentials-secret NAME]
 * env: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (from the credentials Secret; absent = default chain)
 * </pre>
 *
 * @param run the attempt, as the decision made it
 * @param snapshotDir the server's backup directory (what is archived)
 * @param scratchDir the attempt's scratch directory, removed at the end
 */
public record BackupUploadArgs(RunRequest run, String snapshotDir, String scratchDir) {

  public static final String SUBCOMMAND = "backup-upload";
  public static final String SNAPSHOT = "--snapshot";
  public static final String SCRATCH = "--scratch";
  public static final String RUN_ID = "--run-id";
  public static final String NAMESPACE = "--namespace";
  public static final String CLUSTER = "--cluster";
  public static final String BACKUP = "--backup";
  public static final String SOURCE_POD = "--source-pod";
  public static final String MEMBER = "--member";
  public static final String SERVER_VERSION = "--server-version";
  public static final String RETENTION_DAYS = "--retention-days";
  public static final String SCHEDULED_TIME = "--scheduled-time";
  public static final String BUCKET = "--bucket";
  public static final String PREFIX = "--prefix";
  public static final String REGION = S3Settings.REGION_OPTION;
  public static final String ENDPOINT = S3Settings.ENDPOINT_OPTION;
  public static final String PATH_STYLE = S3Settings.PATH_STYLE_OPTION;
  public static final String CREDENTIALS_SECRET = "--credentials-secret";
  public static final String ACCESS_KEY_ENV = S3Settings.ACCESS_KEY_ENV;
  public static final String SECRET_KEY_ENV = S3Settings.SECRET_KEY_ENV;
  /** Exit code: the upload failed and another attempt would fail too (refused, no bucket). */
  public static final int EXIT_FAILED = StepExit.FAILED;
  /** Exit code: bad arguments. */
  public static final int EXIT_USAGE = StepExit.USAGE;
  /** Exit code (sysexits' EX_TEMPFAIL): the store was unavailable or the archive could not be read. */
  public static final int EXIT_TRANSIENT = StepExit.TRANSIENT;

  public BackupUploadArgs {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(snapshotDir, "snapshotDir");
    Objects.requireNonNull(scratchDir, "scratchDir");
  }

  /** The container args, subcommand first. */
  public List<String> toArgs() {
    S3Settings destination = run.destination();
    List<String> args = new ArrayList<>(List.of(SUBCOMMAND, SNAPSHOT, snapshotDir, SCRATCH, scratchDir,
        RUN_ID, run.runId(), NAMESPACE, run.namespace(), CLUSTER, run.clusterName(), BACKUP, run.backupName(),
        SOURCE_POD, run.sourcePod()));
    run.members().forEach(member -> {
      args.add(MEMBER);
      args.add(member);
    });
    args.addAll(List.of(SERVER_VERSION, run.serverVersion(), RETENTION_DAYS, Integer.toString(run.retentionDays()),
        SCHEDULED_TIME, run.scheduledTime().toString(), BUCKET, destination.bucket()));
    if (!destination.prefix().isEmpty()) {
      args.add(PREFIX);
      args.add(destination.prefix());
    }
    args.add(REGION);
    args.add(destination.region());
    destination.endpoint().ifPresent(endpoint -> {
      args.add(ENDPOINT);
      args.add(endpoint);
    });
    if (destination.forcePathStyle()) {
      args.add(PATH_STYLE);
    }
    destination.credentialsSecretName().ifPresent(secret -> {
      args.add(CREDENTIALS_SECRET);
      args.add(secret);
    });
    return List.copyOf(args);
  }

  /**
   * The contract from the arguments' values, as the operator's command line parses them; {@code
   * prefix}, {@code region}, {@code endpoint}, {@code credentialsSecret} may be null.
   *
   * @throws IllegalArgumentException naming the first blank or malformed argument
   */
  public static BackupUploadArgs of(String snapshotDir, String scratchDir, String runId, String namespace,
      String cluster, String backup, String sourcePod, List<String> members, String serverVersion, int retentionDays,
      String scheduledTime, String bucket, String prefix, String region, String endpoint, boolean pathStyle,
      String credentialsSecret) {
    require(snapshotDir, SNAPSHOT);
    require(scratchDir, SCRATCH);
    require(runId, RUN_ID);
    require(namespace, NAMESPACE);
    require(cluster, CLUSTER);
    require(backup, BACKUP);
    require(sourcePod, SOURCE_POD);
    require(serverVersion, SERVER_VERSION);
    require(scheduledTime, SCHEDULED_TIME);
    require(bucket, BUCKET);
    if (!snapshotDir.startsWith(scratchDir + "/")) {
      throw new IllegalArgumentException(SNAPSHOT + " must be inside " + SCRATCH);
    }
    Instant scheduled;
    try {
      scheduled = Instant.parse(scheduledTime);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(SCHEDULED_TIME + " is not an RFC 3339 instant: " + scheduledTime);
    }
    S3Settings settings = new S3Settings(bucket, prefix == null ? "" : prefix, region,
        Optional.ofNullable(endpoint).filter(e -> !e.isBlank()), pathStyle,
        Optional.ofNullable(credentialsSecret).filter(s -> !s.isBlank()));
    RunRequest run = new RunRequest(runId, namespace, backup, cluster, sourcePod,
        members == null ? List.of() : members, serverVersion, settings, retentionDays, scheduled);
    return new BackupUploadArgs(run, snapshotDir, scratchDir);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
