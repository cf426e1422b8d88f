package cloud.hyperbyte.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar hyperbyte.jar <command>}: the operator's command line. */
@Command(
    name = "hyperbyte",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = "HyperbyteDB operator: render clusters to Kubernetes objects, or run the operator.",
    subcommands = {RenderCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class HyperbyteCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests and embedders that want the exit code instead of an exit. */
  public static CommandLine commandLine() {
    return new CommandLine(new HyperbyteCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
