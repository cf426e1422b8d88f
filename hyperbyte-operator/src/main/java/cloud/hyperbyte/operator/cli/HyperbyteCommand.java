package cloud.hyperbyte.operator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar hyperbyte.jar <command>}: the operator's command line. */
@Command(
    name = "hyperbyte",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = "HyperbyteDB operator: render clusters to Kubernetes objects, plan a change, show a cluster's"
        + " status, run the operator, or run a step of a pod the operator creates.",
    subcommands = {RenderCommand.class, PlanCommand.class, StatusCommand.class, RunCommand.class,
        RestoreFetchSubcommand.class, BackupUploadSubcommand.class, SeedServeSubcommand.class, SeedFetchSubcommand.class,
        CommandLine.HelpCommand.class})
public final class HyperbyteCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final ProcessEnvironment environment;

  private HyperbyteCommand(ProcessEnvironment environment) {
    this.environment = environment;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests and embedders that want the exit code instead of an exit. */
  public static CommandLine commandLine() {
    return commandLine(ProcessEnvironment.system());
  }

  /**
   * The command line of a process that sees {@code environment}: what a container of the operator
   * image runs, given its args. A usage error also becomes the termination message, so a pod's
   * status says why its step exited 2.
   */
  public static CommandLine commandLine(ProcessEnvironment environment) {
    CommandLine cli = new CommandLine(new HyperbyteCommand(environment)).setCaseInsensitiveEnumValuesAllowed(true);
    CommandLine.IParameterExceptionHandler usageError = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((e, args) -> {
      writeTerminationMessage(environment, e.getMessage());
      return usageError.handleParseException(e, args);
    });
    return cli;
  }

  /** The environment and file system the subcommands run in. */
  ProcessEnvironment environment() {
    return environment;
  }

  /** Writes {@code message} where Kubernetes reads a container's termination message, when that file exists. */
  static void writeTerminationMessage(ProcessEnvironment environment, String message) {
    Path log = environment.file(ProcessEnvironment.TERMINATION_LOG);
    try {
      if (Files.isWritable(log)) {
        Files.writeString(log, message, StandardCharsets.UTF_8);
      }
    } catch (IOException ignored) {
      // stderr has the message too
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
