package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.seed.SeedClient;
import cloud.hyperbyte.reconcile.seed.SeedArgs;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperbyte seed-fetch …}, the seed target pod's init container (contract: {@link SeedArgs}). */
@Command(
    name = SeedArgs.FETCH,
    sortOptions = false,
    description = {"Seed target pod step: fetch a backup from the source pod, verify its size and SHA-256 and unpack"
        + " it into the output directory. Nothing partial is left behind on failure."},
    footerHeading = "%nEnvironment:%n",
    footer = {"  " + SeedArgs.TOKEN_ENV + "  the one-time token (from the seed's Secret)",
        "%nExit status: 0 fetched and verified; 1 refused or corrupt; 2 bad arguments; 75 the source could not be"
            + " reached or the connection broke (a new attempt may work).",
        "The reason of a failure goes to stderr and to " + ProcessEnvironment.TERMINATION_LOG + "."})
final class SeedFetchSubcommand implements Callable<Integer> {

  @CommandLine.ParentCommand HyperbyteCommand root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = SeedArgs.SOURCE, required = true, paramLabel = "HOST:PORT", description = "The source pod's address.")
  String source;

  @Option(names = SeedArgs.OUTPUT, required = true, paramLabel = "DIR",
      description = "Directory to unpack into; created, must be empty or absent.")
  String output;

  @Option(names = SeedArgs.CONNECT_SECONDS, paramLabel = "N",
      description = "How long to keep trying to reach the source, which backs up first (default: ${DEFAULT-VALUE}).")
  long connectSeconds = 1800;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Override
  public Integer call() {
    ProcessEnvironment environment = root.environment();
    String token = environment.variables().getOrDefault(SeedArgs.TOKEN_ENV, "");
    if (token.isBlank() || connectSeconds < 1 || !source.matches("[^:\\s]+:\\d{1,5}")) {
      throw new CommandLine.ParameterException(spec.commandLine(), token.isBlank()
          ? SeedArgs.TOKEN_ENV + " is not set" : "bad " + SeedArgs.SOURCE + " or " + SeedArgs.CONNECT_SECONDS);
    }
    try {
      SeedClient.Fetched fetched = new SeedClient(Clock.systemUTC())
          .fetch(source, token, environment.file(output), Duration.ofSeconds(connectSeconds));
      spec.commandLine().getOut().println("fetched " + fetched.archiveBytes() + " bytes, sha256 " + fetched.sha256()
          + ", " + fetched.entries() + " entries from " + source);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (SeedClient.FetchFailedException e) {
      String message = SeedArgs.FETCH + ": " + e.getMessage();
      spec.commandLine().getErr().println(message);
      spec.commandLine().getErr().flush();
      HyperbyteCommand.writeTerminationMessage(environment, message);
      return e.transientFailure() ? SeedArgs.EXIT_TRANSIENT : SeedArgs.EXIT_FAILED;
    }
  }
}
