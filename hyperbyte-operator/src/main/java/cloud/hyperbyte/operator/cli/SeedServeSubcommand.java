package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.seed.SeedChannel;
import cloud.hyperbyte.operator.seed.SeedServer;
import cloud.hyperbyte.operator.step.StepFailedException;
import cloud.hyperbyte.reconcile.seed.SeedArgs;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperbyte seed-serve …}, the seed source pod's container (contract: {@link SeedArgs}). */
@Command(
    name = SeedArgs.SERVE,
    sortOptions = false,
    description = {"Seed source pod step: serve a backup directory, as a tar, to exactly one client that presents"
        + " the token, then exit. With a certificate and key, over TLS 1.3."},
    footerHeading = "%nEnvironment:%n",
    footer = {"  " + SeedArgs.TOKEN_ENV + "  the one-time token (from the seed's Secret)",
        "%nExit status: 0 served; 1 nothing served (no backup, no client in time, the client broke off, unusable"
            + " TLS files); 2 bad arguments.",
        PodStepCommand.FAILURE_FOOTER})
final class SeedServeSubcommand extends PodStepCommand {

  @Option(names = SeedArgs.INPUT, required = true, paramLabel = "DIR", description = "The backup directory to serve.")
  String input;

  @Option(names = SeedArgs.PORT, paramLabel = "PORT", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port = SeedArgs.DEFAULT_PORT;

  @Option(names = SeedArgs.WAIT_SECONDS, paramLabel = "N", description = "How long to wait for the client (default: ${DEFAULT-VALUE}).")
  long waitSeconds = 1800;

  @Option(names = SeedArgs.TLS_CERT, paramLabel = "FILE",
      description = "The certificate (PEM) to serve TLS with; needs " + SeedArgs.TLS_KEY + ".")
  String tlsCert;

  @Option(names = SeedArgs.TLS_KEY, paramLabel = "FILE", description = "Its private key (PEM).")
  String tlsKey;

  @Override
  Outcome run(ProcessEnvironment environment) throws StepFailedException {
    String token = environment.variables().getOrDefault(SeedArgs.TOKEN_ENV, "");
    if (token.isBlank()) {
      throw usage(SeedArgs.TOKEN_ENV + " is not set");
    }
    if (port < 0 || port > 65535 || waitSeconds < 1) {
      throw usage("bad " + SeedArgs.PORT + " or " + SeedArgs.WAIT_SECONDS);
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw usage(SeedArgs.TLS_CERT + " and " + SeedArgs.TLS_KEY + " go together");
    }
    SeedChannel channel = tlsCert == null ? SeedChannel.plain()
        : SeedChannel.server(environment.file(tlsCert), environment.file(tlsKey));
    SeedServer.Served served = new SeedServer(Clock.systemUTC(), this::log, channel)
        .serve(environment.file(input), port, token, Duration.ofSeconds(waitSeconds), bound -> {});
    return Outcome.done("served " + served.archiveBytes() + " bytes, sha256 " + served.sha256() + ", "
        + served.entries() + " entries to " + served.client() + " over " + channel.description());
  }
}
