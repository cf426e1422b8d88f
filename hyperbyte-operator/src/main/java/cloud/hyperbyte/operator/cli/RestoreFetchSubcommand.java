package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.step.StepFailedException;
import cloud.hyperbyte.operator.storage.RestoreFetchCommand;
import cloud.hyperbyte.operator.storage.S3ObjectStoreFactory;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperbyte restore-fetch …}, the restore pod's init container. The options are named by
 * the {@link RestoreFetchArgs} constants the restore pod renderer writes, and parse into a {@link
 * RestoreFetchArgs}, so the contract has one definition.
 */
@Command(
    name = RestoreFetchArgs.SUBCOMMAND,
    sortOptions = false,
    description = {
        "Restore pod step: read a snapshot's manifest.json, stream its backup.tar from S3, verify size and SHA-256"
            + " while unpacking it into the output directory. Nothing partial is left behind on failure."},
    footerHeading = "%nEnvironment:%n",
    footer = {
        S3StoreOptions.CREDENTIALS_ENV, S3StoreOptions.CREDENTIALS_SOURCE, S3StoreOptions.CREDENTIALS_ABSENT,
        "%nExit status: 0 fetched and verified; 1 fetch or verification failed; 2 bad arguments;",
        "75 the object store was unavailable or the connection broke (a new attempt may work).",
        PodStepCommand.FAILURE_FOOTER})
final class RestoreFetchSubcommand extends PodStepCommand {

  @Option(names = RestoreFetchArgs.BUCKET, required = true, paramLabel = "BUCKET",
      description = "Bucket holding the snapshot.")
  String bucket;

  @Option(names = RestoreFetchArgs.SNAPSHOT, required = true, paramLabel = "FOLDER/",
      description = "Key of the snapshot's folder in the bucket (with its trailing slash).")
  String snapshot;

  @Option(names = RestoreFetchArgs.OUTPUT, required = true, paramLabel = "DIR",
      description = "Directory to unpack into; created, must be empty or absent.")
  String output;

  @CommandLine.Mixin S3StoreOptions store;

  /** The parsed options as the contract; a blank value is a usage error. */
  RestoreFetchArgs args() {
    try {
      return RestoreFetchArgs.of(bucket, snapshot, output, store.region, store.endpoint, store.pathStyle);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  @Override
  Outcome run(ProcessEnvironment environment) throws StepFailedException {
    RestoreFetchArgs args = args();
    // the restore retries a transient failure with a new pod and fails on any other
    return Outcome.done(new RestoreFetchCommand(new S3ObjectStoreFactory())
        .run(args, environment.variables(), environment.file(args.output())));
  }
}
