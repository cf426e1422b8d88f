package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.seed.SeedArgs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * holding the token, the target unpacks an identical tree.
 */
class SeedSubcommandsTest {

  private static final String TOKEN = "7f3a9c";

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

  /** A container whose absolute paths live under {@code root}, with the token in its environment. */
  private static CommandLine cli(Path root, String token, StringWriter err) {
    CommandLine cli = HyperbyteCommand.commandLine(new ProcessEnvironment(Map.of(SeedArgs.TOKEN_ENV, token),
        path -> root.resolve(path.replaceFirst("^/+", ""))));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }
}
