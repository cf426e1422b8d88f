package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.backup.BackupUploadArgs;
import cloud.hyperbyte.reconcile.pod.StepExit;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import cloud.hyperbyte.reconcile.seed.SeedArgs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** What the operator image's four pod steps share on the command line ({@link PodStepCommand}). */
class PodStepCommandTest {

  @TempDir Path root;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest
  @ValueSource(strings = {BackupUploadArgs.SUBCOMMAND, RestoreFetchArgs.SUBCOMMAND, SeedArgs.SERVE, SeedArgs.FETCH})
  void everyStepsHelpExitsZeroAndSaysItsExitStatusAndWhatGoesToTheTerminationMessage(String step) {
    int exit = cli(Map.of()).execute(step, "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: hyperbyte " + step, "-h, --help", "Exit status: 0",
        "to " + ProcessEnvironment.TERMINATION_LOG + ".");
  }

  @ParameterizedTest
  @ValueSource(strings = {BackupUploadArgs.SUBCOMMAND, RestoreFetchArgs.SUBCOMMAND})
  void theStepsThatTalkToTheStoreDocumentTheSameStoreOptionsAndCredentials(String step) {
    cli(Map.of()).execute(step, "--help");

    assertThat(out.toString()).contains("--region=REGION", "--endpoint=URL", "--path-style",
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void aFailedStepNamesItselfOnStderrAndInTheTerminationMessageAndExitsOneWhenNoRetryHelps() throws IOException {
    Path log = root.resolve("dev/termination-log");
    Files.createDirectories(log.getParent());
    Files.createFile(log);

    int exit = cli(Map.of(SeedArgs.TOKEN_ENV, "t")).execute(SeedArgs.serve("/no/backup", 0, 1).toArray(String[]::new));

    assertThat(exit).isEqualTo(StepExit.FAILED);
    assertThat(err.toString()).startsWith("seed-serve: no backup directory");
    assertThat(Files.readString(log)).isEqualTo(err.toString().strip());
  }

  @Test
  void aTransientFailureExitsSeventyFiveSoTheOperatorTriesAgain() {
    int exit = cli(Map.of(SeedArgs.TOKEN_ENV, "t")).execute(SeedArgs.fetch("127.0.0.1:1", "/out", 1)
        .toArray(String[]::new));

    assertThat(exit).isEqualTo(StepExit.TRANSIENT);
    assertThat(err.toString()).startsWith("seed-fetch: source 127.0.0.1:1 did not answer within 1 s");
  }

  private CommandLine cli(Map<String, String> env) {
    CommandLine cli = HyperbyteCommand.commandLine(
        new ProcessEnvironment(env, path -> root.resolve(path.replaceFirst("^/+", ""))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }
}
