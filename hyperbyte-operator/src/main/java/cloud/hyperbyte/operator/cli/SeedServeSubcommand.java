package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.seed.SeedServer;
import cloud.hyperbyte.reconcile.seed.SeedArgs;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperbyte seed-serve …}, the seed source pod's container (contract: {@link SeedArgs}). */
@Command(
    name = SeedArgs.SERVE,
    sortOptions = false,
    description = {"Seed source pod step: serve a backup directory, as a tar, to exactly one client that presents"
        + " the token, then exit."},
    footerHeading = "%nEnvironment:%n",
    footer = {"  " + SeedArgs.TOKEN_ENV + "  the one-time token (from the seed's Secret)",
        "%nExit status: 0 served; 1 nothing served (no backup, no client in time, the client broke off); 2 bad"
            + " arguments.",
        "The reason of a failure goes to stderr and to " + ProcessEnvironment.TERMINATION_LOG + "."})
final class SeedServeSubcommand implements Callable<Integer> {

  @CommandLine.ParentCommand HyperbyteCommand root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = SeedArgs.INPUT, required = true, paramLabel = "DIR", description = "The backup directory to serve.")
  String input;

  @Option(names = SeedArgs.PORT, paramLabel = "PORT", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port = SeedArgs.DEFAULT_PORT;

  @Option(names = SeedArgs.WAIT_SECONDS, paramLabel = "N", description = "How long to wait for the client (default: ${DEFAULT-VALUE}).")
  long waitSeconds = 1800;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Override
  public Integer call() {
    ProcessEnvironment environment = root.environment();
    String token = environment.variables().getOrDefault(SeedArgs.TOKEN_ENV, "");
    if (token.isBlank() || port < 0 || port > 65535 || waitSeconds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), token.isBlank()
          ? SeedArgs.TOKEN_ENV + " is not set" : "bad " + SeedArgs.PORT + " or " + SeedArgs.WAIT_SECONDS);
    }
    var out = spec.commandLine().getOut();
    try {
      SeedServer.Served served = new SeedServer(Clock.systemUTC(), line -> {
        out.println(line);
        out.flush();
      }).serve(environment.file(input), port, token, Duration.ofSeconds(waitSeconds), bound -> {});
      out.println("served " + served.archiveBytes() + " bytes, sha256 " + served.sha256() + ", " + served.entries()
          + " entries to " + served.client());
      out.flush();
      return 0;
    } catch (SeedServer.ServeFailedException e) {
      String message = SeedArgs.SERVE + ": " + e.getMessage();
      spec.commandLine().getErr().println(message);
      spec.commandLine().getErr().flush();
      HyperbyteCommand.writeTerminationMessage(environment, message);
      return SeedArgs.EXIT_FAILED;
    }
  }
}
