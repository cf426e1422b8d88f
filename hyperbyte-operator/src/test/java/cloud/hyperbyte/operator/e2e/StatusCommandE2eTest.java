package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.BackupRun;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus;
import cloud.hyperbyte.operator.cli.HyperbyteCommand;
import cloud.hyperbyte.operator.cli.ProcessEnvironment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code hyperbyte status} through the real command line and a kubeconfig, against a cluster the
 * operator converged on the simulated API server: what a person and a tool read.
 */
class StatusCommandE2eTest extends OperatorE2eTest {

  @TempDir Path dir;

  private Path kubeconfig() throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters: [{name: sim, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: reader, user: {token: reader}}]
        contexts: [{name: sim, context: {cluster: sim, user: reader, namespace: %s}}]
        current-context: sim
        """.formatted(user.getMasterUrl(), NS));
    return file;
  }

  private record Run(int code, String out, String err) {}

  private static Run status(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HyperbyteCommand.commandLine(new ProcessEnvironment(Map.of(), Path::of));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "status";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(cli.execute(all), out.toString(), err.toString());
  }

  @Test
  void aConvergedClusterShowsEveryMemberWithOneLeaderItsLastRestartAndItsBackup() throws IOException {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    int replacedBefore = history.replacements().size();
    edit("hdb", c -> {
      c.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(OperatorPaths.RESTARTED_AT_ANNOTATION, "2026-12-07T07:00:00Z")));
      return c;
    });
    eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
    awaitRunning("hdb", 3);
    backupWithARun("hdb-nightly", "hdb");
    String kubeconfig = kubeconfig().toString();

    Run table = status("hdb", "--kubeconfig", kubeconfig);
    Run json = status("hdb", "--kubeconfig", kubeconfig, "-n", NS, "-o", "json");

    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).contains("Cluster:    e2e/hdb", "Phase:      Running", "Operation:  none",
        "Replicas:   3 ready of 3 desired", "hdb-nightly", "s3://backups/e2e/hdb/20261207T020001Z");
    List<String> memberRows = table.out().lines().filter(l -> l.matches("hdb-\\d .*")).toList();
    assertThat(memberRows).hasSize(3).allSatisfy(row -> assertThat(row).contains("yes", "0.8.5", "request at "));
    assertThat(memberRows).filteredOn(row -> row.contains("Leader")).hasSize(1);
    assertThat(table.out()).containsPattern("(?m)^Ready +True ")
        .as("nothing is being rolled out").containsPattern("(?m)^Version: +0\\.8\\.5$");

    assertThat(json.code()).as(json.err()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(json.out());
    assertThat(report.get("phase").asString()).isEqualTo("Running");
    assertThat(report.get("operation").isNull()).isTrue();
    assertThat(report.get("members")).hasSize(3).allSatisfy(member -> {
      assertThat(member.get("ready").asBoolean()).isTrue();
      assertThat(member.get("voter").asBoolean()).isTrue();
      assertThat(member.get("state").asString()).isEqualToIgnoringCase("active");
      assertThat(member.get("version").asString()).isEqualTo("0.8.5");
      assertThat(member.get("lastRestart").get("reasons").get(0).asString()).isEqualTo("request");
    });
    assertThat(report.get("members").valueStream().map(m -> m.get("nodeId").asInt())).containsExactly(1, 2, 3);
    assertThat(report.get("members").valueStream().filter(m -> m.get("raftRole").asString().equals("Leader"))).hasSize(1);
    assertThat(report.get("backups").get(0).get("lastRun").get("phase").asString()).isEqualTo("Completed");
  }

  @Test
  void anUnknownClusterExitsOneNamingItAndTheNamespace() throws IOException {
    Run missing = status("nope", "--kubeconfig", kubeconfig().toString());

    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no HyperbytedbCluster nope in namespace e2e");
    assertThat(missing.out()).isEmpty();
  }

  /** A scheduled backup whose last run completed, as the backup reconciler would have recorded it. */
  private void backupWithARun(String name, String cluster) {
    HyperbytedbBackup backup = user.resource(Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbBackup
        metadata: {name: %s, namespace: %s}
        spec:
          clusterName: %s
          schedule: "0 2 * * *"
          destination: {s3: {bucket: backups}}
        """.formatted(name, NS, cluster), HyperbytedbBackup.class)).create();
    BackupRun run = new BackupRun();
    run.setPhase("Completed");
    run.setStartTime("2026-12-07T02:00:01Z");
    run.setCompletionTime("2026-12-07T02:03:12Z");
    run.setBackupPath("s3://backups/e2e/hdb/20261207T020001Z");
    run.setSizeBytes(1024L);
    HyperbytedbBackupStatus status = new HyperbytedbBackupStatus();
    status.setPhase("Completed");
    status.setHistory(List.of(run));
    backup.setStatus(status);
    user.resource(backup).updateStatus();
  }
}
