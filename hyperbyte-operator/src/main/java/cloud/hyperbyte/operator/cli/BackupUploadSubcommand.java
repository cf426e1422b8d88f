package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.storage.BackupUploadCommand;
import cloud.hyperbyte.operator.storage.S3ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.BackupUploadArgs;
import cloud.hyperbyte.reconcile.backup.BackupUploadResult;
import cloud.hyperbyte.reconcile.backup.RunReport;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperbyte backup-upload …}, the backup pod's upload step. The options are named by the
 * {@link BackupUploadArgs} constants the backup pod renderer writes and parse into a {@link
 * BackupUploadArgs}, so the contract has one definition; the outcome is a {@link
 * BackupUploadResult} in the termination message.
 */
@Command(
    name = BackupUploadArgs.SUBCOMMAND,
    sortOptions = false,
    description = {
        "Backup pod step: stream the server's backup directory as a tar to S3 (multipart, SHA-256), write the"
            + " snapshot's manifest.json, apply retention to this backup's expired snapshots, remove the scratch"
            + " directory."},
    footerHeading = "%nEnvironment:%n",
    footer = {
        S3StoreOptions.CREDENTIALS_ENV, S3StoreOptions.CREDENTIALS_SOURCE, S3StoreOptions.CREDENTIALS_ABSENT,
        "%nExit status: 0 uploaded; 1 failed (another attempt would fail too); 2 bad arguments;",
        "75 the object store was unavailable or the snapshot could not be read (a new attempt may work).",
        "The outcome (JSON) goes to stdout and to " + ProcessEnvironment.TERMINATION_LOG + "."})
final class BackupUploadSubcommand extends PodStepCommand {

  @Option(names = BackupUploadArgs.SNAPSHOT, required = true, paramLabel = "DIR",
      description = "The server's backup directory (hyperbytedb backup --output).")
  String snapshot;

  @Option(names = BackupUploadArgs.SCRATCH, required = true, paramLabel = "DIR",
      description = "The attempt's scratch directory holding it; removed at the end.")
  String scratch;

  @Option(names = BackupUploadArgs.RUN_ID, required = true, paramLabel = "ID", description = "The attempt's run id.")
  String runId;

  @Option(names = BackupUploadArgs.NAMESPACE, required = true, paramLabel = "NS", description = "The cluster's namespace.")
  String namespace;

  @Option(names = BackupUploadArgs.CLUSTER, required = true, paramLabel = "NAME", description = "The cluster.")
  String cluster;

  @Option(names = BackupUploadArgs.BACKUP, required = true, paramLabel = "NAME",
      description = "The HyperbytedbBackup (the snapshot's owner; retention deletes only its snapshots).")
  String backup;

  @Option(names = BackupUploadArgs.SOURCE_POD, required = true, paramLabel = "POD", description = "The source member.")
  String sourcePod;

  @Option(names = BackupUploadArgs.MEMBER, paramLabel = "POD", description = "A member pod (repeat for each).")
  List<String> members;

  @Option(names = BackupUploadArgs.SERVER_VERSION, required = true, paramLabel = "VERSION",
      description = "HyperbyteDB version of the members.")
  String serverVersion;

  @Option(names = BackupUploadArgs.RETENTION_DAYS, required = true, paramLabel = "DAYS",
      description = "Retention applied after the upload.")
  int retentionDays;

  @Option(names = BackupUploadArgs.SCHEDULED_TIME, required = true, paramLabel = "RFC3339",
      description = "The schedule slot, or the start of a one-shot run.")
  String scheduledTime;

  @Option(names = BackupUploadArgs.BUCKET, required = true, paramLabel = "BUCKET", description = "Destination bucket.")
  String bucket;

  @Option(names = BackupUploadArgs.PREFIX, paramLabel = "PREFIX", description = "Key prefix in the bucket.")
  String prefix;

  @CommandLine.Mixin S3StoreOptions store;

  @Option(names = BackupUploadArgs.CREDENTIALS_SECRET, paramLabel = "NAME",
      description = "Name of the credentials Secret, for failure messages (the keys come from the environment).")
  String credentialsSecret;

  /** The parsed options as the contract; a blank value is a usage error. */
  BackupUploadArgs args() {
    try {
      return BackupUploadArgs.of(snapshot, scratch, runId, namespace, cluster, backup, sourcePod, members,
          serverVersion, retentionDays, scheduledTime, bucket, prefix, store.region, store.endpoint, store.pathStyle,
          credentialsSecret);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  @Override
  Outcome run(ProcessEnvironment environment) {
    RunReport report = new BackupUploadCommand(new S3ObjectStoreFactory(), Clock.systemUTC())
        .run(args(), environment.variables(), environment::file);
    // the outcome, failed or not, is the JSON the operator reads from the termination message
    return Outcome.reported(report.failure()
        .map(f -> f.transientFailure() ? BackupUploadArgs.EXIT_TRANSIENT : BackupUploadArgs.EXIT_FAILED)
        .orElse(0), BackupUploadResult.toJson(report));
  }
}
