package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.operator.storage.RestoreFetchCommand;
import cloud.hyperbyte.operator.storage.S3ObjectStoreFactory;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hyperbyte restore-fetch …}, the restore pod's init container, on the operator's command
 * line. Its arguments are the {@link RestoreFetchArgs} contract, parsed there (not by picocli), so
 * the renderer and the parser stay the single definition of the format.
 */
@Command(
    name = RestoreFetchArgs.SUBCOMMAND,
    description = "Restore pod step: stream a snapshot's backup.tar from S3, verify size and SHA-256 against its"
        + " manifest, unpack it into --output. Arguments: --bucket --snapshot --output [--region] [--endpoint]"
        + " [--path-style]; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.")
public final class RestoreFetchSubcommand implements Callable<Integer> {

  @CommandLine.Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    return new RestoreFetchCommand(new S3ObjectStoreFactory())
        .run(args, System.getenv(), System.out, System.err, RestoreFetchCommand.TERMINATION_LOG);
  }
}
