package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.reconcile.backup.BackupUploadArgs;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import cloud.hyperbyte.reconcile.seed.SeedArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar hyperbyte.jar <command>}: the operator's command line. */
@Command(
    name = "hyperbyte",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = "HyperbyteDB operator: render clusters to Kubernetes objects, plan a change, show a cluster's"
        + " status, run the operator, or run a step of a pod the operator creates.")
public final class HyperbyteCommand implements Runnable {

  private static final String HELP = "help";

  /**
   * The subcommands by the name each one's {@code @Command} gives it, in the order help lists them.
   * They are added in code rather than in the annotation so that a process builds only the one it
   * runs: picocli reads every subcommand's annotations and builds its model when it is added, which
   * cost {@code --version} about a third of its start-up CPU and {@code render} a tenth.
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final ProcessEnvironment environment;

  private HyperbyteCommand(ProcessEnvironment environment) {
    this.environment = environment;
  }

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> subcommands = new LinkedHashMap<>();
    subcommands.put("render", RenderCommand.class);
    subcommands.put("plan", PlanCommand.class);
    subcommands.put("status", StatusCommand.class);
    subcommands.put("run", RunCommand.class);
    subcommands.put(RestoreFetchArgs.SUBCOMMAND, RestoreFetchSubcommand.class);
    subcommands.put(BackupUploadArgs.SUBCOMMAND, BackupUploadSubcommand.class);
    subcommands.put(SeedArgs.SERVE, SeedServeSubcommand.class);
    subcommands.put(SeedArgs.FETCH, SeedFetchSubcommand.class);
    subcommands.put(HELP, CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(subcommands);
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLineToRun(ProcessEnvironment.system(), args).execute(args));
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
    return build(environment, SUBCOMMANDS.values());
  }

  /**
   * The command line to execute {@code args} with, which behaves for them as {@link
   * #commandLine(ProcessEnvironment)} does: when {@code args} start with a subcommand's name it holds
   * that subcommand only (nothing then lists or suggests the others), for a version request alone
   * none, and otherwise (other options, {@code help}, no or an unknown command) all of them.
   */
  public static CommandLine commandLineToRun(ProcessEnvironment environment, String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return build(environment, List.of());
    }
    Class<?> only = args.length > 0 && !args[0].equals(HELP) ? SUBCOMMANDS.get(args[0]) : null;
    return build(environment, only == null ? SUBCOMMANDS.values() : List.of(only));
  }

  private static CommandLine build(ProcessEnvironment environment, Collection<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(new HyperbyteCommand(environment));
    // no lambdas or method references on picocli types here: linking one while the launcher makes
    // its class-data archive would keep picocli's (Java 5) classes out of the archive
    for (Class<?> subcommand : subcommands) {
      cli.addSubcommand(subcommand);
    }
    // after the subcommands: picocli passes these settings to the subcommands present when set
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(new UsageError(environment, cli.getParameterExceptionHandler()));
    return cli;
  }

  /** Picocli's handling of a usage error, which also becomes the termination message. */
  private static final class UsageError implements CommandLine.IParameterExceptionHandler {

    private final ProcessEnvironment environment;
    private final CommandLine.IParameterExceptionHandler picocli;

    UsageError(ProcessEnvironment environment, CommandLine.IParameterExceptionHandler picocli) {
      this.environment = environment;
      this.picocli = picocli;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) throws Exception {
      writeTerminationMessage(environment, e.getMessage());
      return picocli.handleParseException(e, args);
    }
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
