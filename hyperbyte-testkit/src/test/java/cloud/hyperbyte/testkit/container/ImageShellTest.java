package cloud.hyperbyte.testkit.container;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.db.DatabaseOptions;
import cloud.hyperbyte.testkit.db.ManualTime;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import cloud.hyperbyte.testkit.db.RaftRole;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import cloud.hyperbyte.testkit.db.SimulatedRaftGroup;
import cloud.hyperbyte.testkit.db.SimulatedTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HyperbyteDB image's userland against a member volume: the commands the operator's backup
 * sends by exec and the restore pod's script, and what the real server would refuse.
 */
class ImageShellTest {

  private static final Instant NOW = Instant.parse("2026-08-01T00:00:00Z");
  private static final String SCRATCH = "/var/lib/hyperbytedb/.hyperbyte-backup";
  private static final String SNAPSHOT = SCRATCH + "/snapshot";
  private static final String RESTORE_SCRIPT = String.join("\n",
      "set -eu",
      "test -f '/restore/snapshot/manifest.json' || { echo 'snapshot not fetched' >&2; exit 1; }",
      "hyperbytedb --config '/etc/hyperbytedb/config.toml' restore --input '/restore/snapshot'",
      "# fresh Raft group",
      "rm -rf '/var/lib/hyperbytedb/raft' '/var/lib/hyperbytedb/replication_log' '" + SCRATCH + "'",
      "echo \"restored; raft/ and replication_log/ reset\"");

  @TempDir Path temp;
  private final ManualTime time = SimulatedTime.manual(NOW);
  private final ImageShell shell = new ImageShell(Clock.fixed(NOW, ZoneOffset.UTC));
  private SimulatedDatabase database;
  private SimulatedNode node1;

  @BeforeEach
  void formedClusterWithData() throws Exception {
    database = SimulatedDatabase.create(DatabaseOptions.defaults("hdb", "prod"), time).bootstrap(2);
    node1 = database.node(0);
    write(node1, "cpu,host=a value=1\ncpu,host=b value=2");
  }

  @AfterEach
  void close() {
    database.close();
  }

  private ContainerFiles memberContainer(SimulatedNode node) {
    return new ContainerFiles(Map.of("/var/lib/hyperbytedb", new MemberVolumeMount(node.volume()),
        "/etc/hyperbytedb", new ReadOnlyMount()));
  }

  private ContainerFiles restoreContainer(SimulatedNode node) throws IOException {
    return new ContainerFiles(Map.of("/var/lib/hyperbytedb", new MemberVolumeMount(node.volume()),
        "/etc/hyperbytedb", new ReadOnlyMount(), "/restore", new HostDirectoryMount(Files.createDirectories(temp.resolve("restore")))));
  }

  private ExecResult sh(ContainerFiles files, String script) {
    return shell.run(List.of("/bin/sh", "-c", script), files);
  }

  @Test
  void theBackupCommandsWriteTheServersBackupOnTheVolumeAndStreamItAsATar() throws Exception {
    ContainerFiles member = memberContainer(node1);

    ExecResult backup = sh(member, "set -eu; rm -rf '" + SCRATCH + "'; mkdir -p '" + SCRATCH + "'; "
        + "exec hyperbytedb --config '/etc/hyperbytedb/config.toml' backup --output '" + SNAPSHOT + "'");
    ExecResult tar = shell.run(List.of("tar", "-C", SNAPSHOT, "-cf", "-", "."), member);

    assertThat(backup.exitCode()).as(backup.stderr()).isZero();
    assertThat(tar.exitCode()).as(tar.stderr()).isZero();
    Path unpacked = Files.createDirectories(temp.resolve("unpacked"));
    Process gnuTar = new ProcessBuilder("tar", "-x", "-C", unpacked.toString()).start();
    gnuTar.getOutputStream().write(tar.stdout());
    gnuTar.getOutputStream().close();
    assertThat(gnuTar.waitFor()).isZero();
    assertThat(Files.readString(unpacked.resolve("data/points.lp"))).isEqualTo("cpu,host=a value=1\ncpu,host=b value=2\n");
    assertThat(Files.readString(unpacked.resolve("manifest.json"))).contains("\"wal_last_seq\":1");
    assertThat(unpacked.resolve("wal")).isDirectory();
    assertThat(unpacked.resolve("raft")).doesNotExist();

    assertThat(shell.run(List.of("rm", "-rf", SCRATCH), member).exitCode()).isZero();
    assertThat(node1.volume().isDirectory(".hyperbyte-backup")).isFalse();
  }

  @Test
  void aBackupIntoAnExistingDirectoryIsRefusedAsByRocksDb() {
    ContainerFiles member = memberContainer(node1);
    sh(member, "mkdir -p '" + SNAPSHOT + "'");

    ExecResult backup = shell.run(List.of("hyperbytedb", "backup", "--output", SNAPSHOT), member);

    assertThat(backup.exitCode()).isEqualTo(1);
    assertThat(backup.stderr()).contains("Directory exists");
  }

  @Test
  void theRestoreScriptReplacesTheDataAndResetsRaftSoNode1BootstrapsAFreshGroup() throws Exception {
    Path snapshot = snapshotOf(node1);
    write(node1, "cpu,host=c value=3"); // after the backup: must be gone after the restore
    var oldGroup = database.raft().orElseThrow();
    database.crash(0);
    database.crash(1);
    ContainerFiles restore = restoreContainer(node1);
    copy(snapshot, restore.hostPath("/restore/snapshot").orElseThrow());

    ExecResult result = sh(restore, RESTORE_SCRIPT);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdoutText()).contains("raft/ and replication_log/ reset");
    assertThat(node1.points()).containsExactly("cpu,host=a value=1", "cpu,host=b value=2");
    assertThat(node1.volume().hasRaftState()).isFalse();
    database.start(0);
    time.advance(java.time.Duration.ofSeconds(1));
    assertThat(database.raft()).get().isNotSameAs(oldGroup);
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L);
  }

  @Test
  void membersWhoseRaftStateWasWipedNeverReviveTheOldGroup() {
    database.close();
    database = SimulatedDatabase.create(DatabaseOptions.defaults("hdb", "prod"), time).bootstrap(3);
    SimulatedRaftGroup old = database.raft().orElseThrow();
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      database.crash(ordinal);
      database.node(ordinal).volume().wipe("raft");
    }

    database.start(1);
    database.start(2); // nodes 2 and 3 are a majority of the old voters, but hold none of its log
    time.advance(java.time.Duration.ofSeconds(1));

    assertThat(old.leader()).as("no member holds the old group's log").isEmpty();
    assertThat(database.node(1).raftRole()).isNotEqualTo(RaftRole.LEADER);
    database.start(0);
    time.advance(java.time.Duration.ofSeconds(1));
    assertThat(database.raft().orElseThrow()).isNotSameAs(old);
    assertThat(database.raft().orElseThrow().voters()).containsExactly(1L);
    assertThat(database.node(1).volume().hasRaftState()).as("node 2 waits for add-node").isFalse();
  }

  @Test
  void aRestoreWhileTheServerRunsIsRefusedAndChangesNothing() throws Exception {
    Path snapshot = snapshotOf(node1);
    write(node1, "cpu,host=c value=3");
    ContainerFiles restore = restoreContainer(node1);
    copy(snapshot, restore.hostPath("/restore/snapshot").orElseThrow());

    ExecResult result = sh(restore, RESTORE_SCRIPT);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("the server is running");
    assertThat(node1.points()).hasSize(3);
    assertThat(node1.volume().hasRaftState()).as("the script stopped before wiping raft/").isTrue();
  }

  @Test
  void theRestoreScriptStopsWhenNoSnapshotWasFetched() throws Exception {
    database.crash(0);

    ExecResult result = sh(restoreContainer(node1), RESTORE_SCRIPT);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).isEqualTo("snapshot not fetched\n");
    assertThat(node1.volume().hasRaftState()).isTrue();
  }

  @Test
  void whatTheShellDoesNotSimulateFailsLoudly() {
    ContainerFiles member = memberContainer(node1);

    assertThat(sh(member, "echo $HOME").exitCode()).isEqualTo(2);
    assertThat(sh(member, "cat /etc/hostname").exitCode()).isEqualTo(127);
    assertThat(sh(member, "tar -C /var/lib/hyperbytedb/wal -cf - .").exitCode()).isEqualTo(1);
    assertThat(shell.run(List.of("hyperbytedb", "serve"), member).exitCode()).isEqualTo(1);
  }

  /** A server backup of {@code node} as the fetch step leaves it: a directory on the test machine. */
  private Path snapshotOf(SimulatedNode node) throws Exception {
    ContainerFiles member = memberContainer(node);
    assertThat(shell.run(List.of("hyperbytedb", "backup", "--output", SNAPSHOT), member).exitCode()).isZero();
    Path out = Files.createDirectories(temp.resolve("snapshot-" + node.nodeId()));
    HostDirectoryMount host = new HostDirectoryMount(out);
    for (String path : List.of("wal/SEQUENCE", "meta/METADATA", "data/points.lp", "manifest.json")) {
      host.mkdirs(path.contains("/") ? path.substring(0, path.indexOf('/')) : "");
      host.write(path, member.resolve(SNAPSHOT + "/" + path).mount().read(".hyperbyte-backup/snapshot/" + path));
    }
    return out;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var tree = Files.walk(from)) {
      for (Path p : tree.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void write(SimulatedNode node, String lines) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + node.address() + "/write?db=metrics"))
        .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
  }
}
