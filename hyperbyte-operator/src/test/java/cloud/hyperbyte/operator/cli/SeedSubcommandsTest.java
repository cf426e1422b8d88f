package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.seed.SeedArgs;
import cloud.hyperbyte.reconcile.seed.SeedTlsMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hyperbyte seed-serve} and {@code seed-fetch} on the operator's command line, with the
 * exact args the seed pods carry: the source serves one backup directory to exactly one client
 * holding the token, the target unpacks an identical tree; over TLS, only from a source whose
 * certificate the seed's CA signed.
 */
class SeedSubcommandsTest {

  private static final String TOKEN = "7f3a9c";
  private static final SeedTlsMaterial SEED_TLS = SeedTlsMaterial.issue("db-seed-3", Clock.systemUTC(), new SecureRandom());

  @TempDir Path source;
  @TempDir Path target;

  @Test
  void theTargetUnpacksExactlyTheTreeTheSourceServesAndTheSourceExitsAfterOneClient() throws Exception {
    backupDirectory();
    int port = freePort();
    CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(
        () -> cli(source, TOKEN).execute(SeedArgs.serve("/restore/backup", port, 60).toArray(String[]::new)));

    int fetched = cli(target, TOKEN).execute(
        SeedArgs.fetch("127.0.0.1:" + port, "/restore/snapshot", 30).toArray(String[]::new));

    assertThat(fetched).isZero();
    assertThat(serve.get(60, TimeUnit.SECONDS)).isZero();
    Path restored = target.resolve("restore/snapshot");
    assertThat(tree(restored)).isEqualTo(tree(source.resolve("restore/backup")));
    assertThat(Files.readString(restored.resolve("manifest.json"))).isEqualTo("{\"wal_last_seq\":7}\n");
    assertThat(Files.readAllBytes(restored.resolve("data/store/part-1/data.bin"))).hasSize(300_000);
    assertThat(Files.isSymbolicLink(restored.resolve("data/metadata/db"))).isTrue();
  }

  @Test
  void overTlsTheTargetUnpacksTheTreeFromTheSourceTheSeedsCaSigned() throws Exception {
    backupDirectory();
    sourceTlsFiles(SEED_TLS);
    targetTrusts(SEED_TLS);
    int port = freePort();
    StringWriter served = new StringWriter();
    CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(() -> cli(source, TOKEN, new StringWriter(), served)
        .execute(SeedArgs.serveOverTls("/restore/backup", port, 60, SeedArgs.TLS_MOUNT).toArray(String[]::new)));
    StringWriter fetchedOut = new StringWriter();

    int fetched = cli(target, TOKEN, new StringWriter(), fetchedOut).execute(
        SeedArgs.fetchOverTls("127.0.0.1:" + port, "/restore/snapshot", 30, SeedArgs.TLS_MOUNT).toArray(String[]::new));

    assertThat(fetched).isZero();
    assertThat(serve.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(tree(target.resolve("restore/snapshot"))).isEqualTo(tree(source.resolve("restore/backup")));
    assertThat(served.toString()).contains("over TLS");
    assertThat(fetchedOut.toString()).contains("over TLS, trusting only the CA in");
  }

  @Test
  void aSourceWhoseCertificateAnotherCaSignedIsRefusedForGoodAndNothingIsUnpacked() throws Exception {
    backupDirectory();
    sourceTlsFiles(SeedTlsMaterial.issue("db-seed-3", Clock.systemUTC(), new SecureRandom()));
    targetTrusts(SEED_TLS);
    int port = freePort();
    CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(() -> cli(source, TOKEN)
        .execute(SeedArgs.serveOverTls("/restore/backup", port, 5, SeedArgs.TLS_MOUNT).toArray(String[]::new)));
    StringWriter err = new StringWriter();

    int fetched = cli(target, TOKEN, err).execute(
        SeedArgs.fetchOverTls("127.0.0.1:" + port, "/restore/snapshot", 30, SeedArgs.TLS_MOUNT).toArray(String[]::new));

    assertThat(fetched).as("another attempt meets the same certificate").isEqualTo(SeedArgs.EXIT_FAILED);
    assertThat(err.toString()).contains("seed-fetch: the source's certificate does not verify against the seed's CA",
        "PKIX path");
    assertThat(target.resolve("restore/snapshot")).doesNotExist();
    assertThat(serve.get(60, TimeUnit.SECONDS)).as("the source served nobody").isEqualTo(SeedArgs.EXIT_FAILED);
  }

  @Test
  void overTlsTheTokenIsStillRequiredAndAClientWithoutTlsGetsNothing() throws Exception {
    backupDirectory();
    sourceTlsFiles(SEED_TLS);
    targetTrusts(SEED_TLS);
    int port = freePort();
    CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(() -> cli(source, TOKEN)
        .execute(SeedArgs.serveOverTls("/restore/backup", port, 60, SeedArgs.TLS_MOUNT).toArray(String[]::new)));
    StringWriter err = new StringWriter();

    int wrongToken = cli(target, "guess", err).execute(
        SeedArgs.fetchOverTls("127.0.0.1:" + port, "/guessed", 30, SeedArgs.TLS_MOUNT).toArray(String[]::new));
    int plain = cli(target, TOKEN, new StringWriter()).execute(
        SeedArgs.fetch("127.0.0.1:" + port, "/plain", 30).toArray(String[]::new));
    int member = cli(target, TOKEN).execute(
        SeedArgs.fetchOverTls("127.0.0.1:" + port, "/restore/snapshot", 30, SeedArgs.TLS_MOUNT).toArray(String[]::new));

    assertThat(wrongToken).isEqualTo(SeedArgs.EXIT_FAILED);
    assertThat(err.toString()).contains("seed-fetch: the source refused the token (DENIED)");
    assertThat(plain).isNotZero();
    assertThat(target.resolve("guessed")).doesNotExist();
    assertThat(target.resolve("plain")).doesNotExist();
    assertThat(member).isZero();
    assertThat(serve.get(60, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aCertificateWithoutItsKeyIsAUsageError() {
    assertThat(cli(source, TOKEN).execute(SeedArgs.SERVE, SeedArgs.INPUT, "/restore/backup",
        SeedArgs.TLS_CERT, "/etc/hyperbyte/seed-tls/tls.crt")).isEqualTo(SeedArgs.EXIT_USAGE);
  }

  @Test
  void unreadableTlsFilesFailTheStepWithTheFileNamed() throws IOException {
    Path log = target.resolve("dev/termination-log");
    Files.createDirectories(log.getParent());
    Files.createFile(log);

    int exit = cli(target, TOKEN).execute(
        SeedArgs.fetchOverTls("10.0.0.7:7480", "/restore/snapshot", 5, SeedArgs.TLS_MOUNT).toArray(String[]::new));

    assertThat(exit).isEqualTo(SeedArgs.EXIT_FAILED);
    assertThat(Files.readString(log)).startsWith("seed-fetch: cannot read the certificate ").contains("ca.crt");
  }

  @Test
  void aClientWithAWrongTokenIsTurnedAwayAndTheSourceStillServesTheRightOne() throws Exception {
    backupDirectory();
    int port = freePort();
    CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(
        () -> cli(source, TOKEN).execute(SeedArgs.serve("/restore/backup", port, 60).toArray(String[]::new)));
    StringWriter err = new StringWriter();

    int intruder = cli(target, "guess", err).execute(
        SeedArgs.fetch("127.0.0.1:" + port, "/elsewhere", 30).toArray(String[]::new));
    int member = cli(target, TOKEN).execute(
        SeedArgs.fetch("127.0.0.1:" + port, "/restore/snapshot", 30).toArray(String[]::new));

    assertThat(intruder).isEqualTo(SeedArgs.EXIT_FAILED);
    assertThat(err.toString()).contains("seed-fetch: the source refused the token (DENIED)");
    assertThat(target.resolve("elsewhere")).doesNotExist();
    assertThat(member).isZero();
    assertThat(serve.get(60, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void nothingIsServedTwice() throws Exception {
    backupDirectory();
    int port = freePort();
    CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(
        () -> cli(source, TOKEN).execute(SeedArgs.serve("/restore/backup", port, 60).toArray(String[]::new)));
    assertThat(cli(target, TOKEN).execute(SeedArgs.fetch("127.0.0.1:" + port, "/first", 30).toArray(String[]::new)))
        .isZero();
    serve.get(60, TimeUnit.SECONDS);

    int second = cli(target, TOKEN).execute(SeedArgs.fetch("127.0.0.1:" + port, "/second", 1).toArray(String[]::new));

    assertThat(second).as("the source is gone: transient for the fetch").isEqualTo(SeedArgs.EXIT_TRANSIENT);
    assertThat(target.resolve("second")).doesNotExist();
  }

  @Test
  void aSourceWithoutItsBackupDirectoryFailsWithTheReasonAsTerminationMessage() throws IOException {
    Path log = source.resolve("dev/termination-log");
    Files.createDirectories(log.getParent());
    Files.createFile(log);

    int exit = cli(source, TOKEN).execute(SeedArgs.serve("/restore/backup", freePort(), 5).toArray(String[]::new));

    assertThat(exit).isEqualTo(SeedArgs.EXIT_FAILED);
    assertThat(Files.readString(log)).startsWith("seed-serve: no backup directory");
  }

  @Test
  void withoutTheTokenBothStepsRefuseToStart() {
    assertThat(cli(source, "").execute(SeedArgs.serve("/restore/backup", 7480, 5).toArray(String[]::new)))
        .isEqualTo(SeedArgs.EXIT_USAGE);
    assertThat(cli(target, "").execute(SeedArgs.fetch("10.0.0.7:7480", "/out", 5).toArray(String[]::new)))
        .isEqualTo(SeedArgs.EXIT_USAGE);
  }

  /** The source container's mounted certificate and key, as its pod mounts them from the seed's Secret. */
  private void sourceTlsFiles(SeedTlsMaterial tls) throws IOException {
    Path dir = source.resolve(SeedArgs.TLS_MOUNT.substring(1));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(SeedArgs.TLS_CERT_KEY), tls.certificatePem());
    Files.writeString(dir.resolve(SeedArgs.TLS_KEY_KEY), tls.privateKeyPem());
  }

  /** The target container's mounted CA certificate. */
  private void targetTrusts(SeedTlsMaterial tls) throws IOException {
    Path dir = target.resolve(SeedArgs.TLS_MOUNT.substring(1));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(SeedArgs.CA_CERT_KEY), tls.caCertificatePem());
  }

  /** A backup directory as the server writes one: manifest, WAL and meta checkpoints, chDB parts, a link. */
  private void backupDirectory() throws IOException {
    Path backup = source.resolve("restore/backup");
    Files.createDirectories(backup.resolve("wal"));
    Files.createDirectories(backup.resolve("meta"));
    Files.createDirectories(backup.resolve("data/store/part-1"));
    Files.createDirectories(backup.resolve("data/metadata"));
    Files.writeString(backup.resolve("manifest.json"), "{\"wal_last_seq\":7}\n");
    Files.writeString(backup.resolve("wal/000001.sst"), "wal");
    Files.writeString(backup.resolve("meta/CURRENT"), "MANIFEST-000001\n");
    byte[] part = new byte[300_000];
    for (int i = 0; i < part.length; i++) {
      part[i] = (byte) (i * 31);
    }
    Files.write(backup.resolve("data/store/part-1/data.bin"), part);
    Files.createSymbolicLink(backup.resolve("data/metadata/db"), Path.of("../store/part-1"));
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.map(p -> root.relativize(p) + (Files.isSymbolicLink(p) ? " -> link"
          : Files.isRegularFile(p) ? " " + size(p) : "/")).sorted().toList();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static CommandLine cli(Path root, String token) {
    return cli(root, token, new StringWriter());
  }

  private static CommandLine cli(Path root, String token, StringWriter err) {
    return cli(root, token, err, new StringWriter());
  }

  /** A container whose absolute paths live under {@code root}, with the token in its environment. */
  private static CommandLine cli(Path root, String token, StringWriter err, StringWriter out) {
    CommandLine cli = HyperbyteCommand.commandLine(new ProcessEnvironment(Map.of(SeedArgs.TOKEN_ENV, token),
        path -> root.resolve(path.replaceFirst("^/+", ""))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }
}
