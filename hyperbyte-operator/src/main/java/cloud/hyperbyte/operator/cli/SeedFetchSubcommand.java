package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.seed.SeedChannel;
import cloud.hyperbyte.operator.seed.SeedClient;
import cloud.hyperbyte.operator.step.StepFailedException;
import cloud.hyperbyte.reconcile.seed.SeedArgs;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperbyte seed-fetch …}, the seed target pod's init container (contract: {@link SeedArgs}). */
@Command(
    name = SeedArgs.FETCH,
    sortOptions = false,
    description = {"Seed target pod step: fetch a backup from the source pod, verify its size and SHA-256 and unpack"
        + " it into the output directory. Nothing partial is left behind on failure. With a CA certificate, over"
        + " TLS 1.3, from a source whose certificate that CA signed."},
    footerHeading = "%nEnvironment:%n",
    footer = {"  " + SeedArgs.TOKEN_ENV + "  the one-time token (from the seed's Secret)",
        "%nExit status: 0 fetched and verified; 1 refused, corrupt, or a source the CA did not sign; 2 bad arguments;"
            + " 75 the source could not be reached or the connection broke (a new attempt may work).",
        PodStepCommand.FAILURE_FOOTER})
final class SeedFetchSubcommand extends PodStepCommand {

  @Option(names = SeedArgs.SOURCE, required = true, paramLabel = "HOST:PORT", description = "The source pod's address.")
  String source;

  @Option(names = SeedArgs.OUTPUT, required = true, paramLabel = "DIR",
      description = "Directory to unpack into; created, must be empty or absent.")
  String output;

  @Option(names = SeedArgs.CONNECT_SECONDS, paramLabel = "N",
      description = "How long to keep trying to reach the source, which backs up first (default: ${DEFAULT-VALUE}).")
  long connectSeconds = 1800;

  @Option(names = SeedArgs.TLS_CA, paramLabel = "FILE",
      description = "Fetch over TLS, trusting only this CA certificate (PEM) for the source.")
  String tlsCa;

  @Override
  Outcome run(ProcessEnvironment environment) throws StepFailedException {
    String token = environment.variables().getOrDefault(SeedArgs.TOKEN_ENV, "");
    if (token.isBlank()) {
      throw usage(SeedArgs.TOKEN_ENV + " is not set");
    }
    if (connectSeconds < 1 || !source.matches("[^:\\s]+:\\d{1,5}")) {
      throw usage("bad " + SeedArgs.SOURCE + " or " + SeedArgs.CONNECT_SECONDS);
    }
    SeedChannel channel = tlsCa == null ? SeedChannel.plain() : SeedChannel.client(environment.file(tlsCa), tlsCa);
    SeedClient.Fetched fetched = new SeedClient(Clock.systemUTC(), channel)
        .fetch(source, token, environment.file(output), Duration.ofSeconds(connectSeconds));
    return Outcome.done("fetched " + fetched.archiveBytes() + " bytes, sha256 " + fetched.sha256() + ", "
        + fetched.entries() + " entries from " + source + " over " + channel.description());
  }
}
