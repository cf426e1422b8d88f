package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hyperbyte restore-fetch}: the restore pod's fetch step on the operator's command line. */
class RestoreFetchSubcommandTest {

  @TempDir Path root;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** A process whose absolute paths live under {@link #root}, as a container's would. */
  private CommandLine cli() {
    CommandLine cli = HyperbyteCommand.commandLine(
        new ProcessEnvironment(Map.of(), path -> root.resolve(path.replaceFirst("^/+", ""))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  @Test
  void helpExitsZeroAndDocumentsEveryArgumentAndTheCredentialsEnvironment() {
    int exit = cli().execute(RestoreFetchArgs.SUBCOMMAND, "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: hyperbyte restore-fetch",
        RestoreFetchArgs.BUCKET + "=BUCKET", RestoreFetchArgs.SNAPSHOT + "=FOLDER/", RestoreFetchArgs.OUTPUT + "=DIR",
        RestoreFetchArgs.REGION + "=REGION", RestoreFetchArgs.ENDPOINT + "=URL", RestoreFetchArgs.PATH_STYLE,
        RestoreFetchArgs.ACCESS_KEY_ENV, RestoreFetchArgs.SECRET_KEY_ENV, "Exit status");
  }

  @Test
  void theTopLevelHelpListsTheSubcommand() {
    cli().execute("--help");

    assertThat(out.toString()).contains(RestoreFetchArgs.SUBCOMMAND);
  }

  @Test
  void theRenderedArgumentsParseBackIntoTheSameContract() {
    RestoreFetchArgs rendered = new RestoreFetchArgs(
        new S3Settings("backups", "", "eu-west-1", Optional.of("http://minio.storage:9000"), true, Optional.empty()),
        new SnapshotLocation("backups", "hb/prod/db/20260301T020000Z/"), "/restore/snapshot");
    RestoreFetchArgs onAws = new RestoreFetchArgs(
        new S3Settings("backups", "", null, Optional.empty(), false, Optional.empty()),
        new SnapshotLocation("backups", "db/20260301T020000Z/"), "/restore/snapshot");

    assertThat(parse(rendered)).isEqualTo(rendered);
    assertThat(parse(onAws)).isEqualTo(onAws);
  }

  private RestoreFetchArgs parse(RestoreFetchArgs args) {
    CommandLine.ParseResult parsed = cli().parseArgs(args.toArgs().toArray(String[]::new));
    return ((RestoreFetchSubcommand) parsed.subcommand().commandSpec().userObject()).args();
  }

  @Test
  void aMissingArgumentExitsTwoAndBecomesTheTerminationMessage() throws IOException {
    Path terminationLog = root.resolve("dev/termination-log");
    Files.createDirectories(terminationLog.getParent());
    Files.createFile(terminationLog);

    int exit = cli().execute(RestoreFetchArgs.SUBCOMMAND, RestoreFetchArgs.BUCKET, "b");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required options");
    assertThat(Files.readString(terminationLog)).contains("Missing required options", RestoreFetchArgs.SNAPSHOT);
  }

  @Test
  void aBlankValueIsAUsageError() {
    int exit = cli().execute(RestoreFetchArgs.SUBCOMMAND, RestoreFetchArgs.BUCKET, " ", RestoreFetchArgs.SNAPSHOT,
        "s/", RestoreFetchArgs.OUTPUT, "/restore/snapshot");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(RestoreFetchArgs.BUCKET + " must not be empty");
  }

  @Test
  void anUnreachableStoreExitsTransientWithTheReasonInTheTerminationMessage() throws IOException {
    Path terminationLog = root.resolve("dev/termination-log");
    Files.createDirectories(terminationLog.getParent());
    Files.createFile(terminationLog);

    int exit = cli().execute(RestoreFetchArgs.SUBCOMMAND, RestoreFetchArgs.BUCKET, "b", RestoreFetchArgs.SNAPSHOT,
        "s/", RestoreFetchArgs.OUTPUT, "/restore/snapshot", RestoreFetchArgs.ENDPOINT, "http://127.0.0.1:1",
        RestoreFetchArgs.PATH_STYLE);

    assertThat(exit).as("the restore tries again with a new pod").isEqualTo(RestoreFetchArgs.EXIT_TRANSIENT);
    assertThat(Files.readString(terminationLog)).startsWith("restore-fetch: ");
    assertThat(root.resolve("restore/snapshot")).as("nothing partial is left").doesNotExist();
  }
}
