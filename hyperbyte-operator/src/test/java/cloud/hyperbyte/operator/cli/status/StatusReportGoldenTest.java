package cloud.hyperbyte.operator.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.testkit.golden.GoldenFiles;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code hyperbyte status} of a fixed cluster half-way through an upgrade: the JSON (the documented
 * shape tools rely on) and the table are golden files; what they must say is asserted as well.
 */
class StatusReportGoldenTest {

  private static final Path FIXTURES = Path.of("src/test/resources/status");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final ClusterStatusReport report = fixture();

  @Test
  void theJsonOfTheFixtureIsTheGoldenFile() {
    GoldenFiles.assertMatches(FIXTURES.resolve("upgrading-cluster.json"), StatusJson.write(report));
  }

  @Test
  void theTableOfTheFixtureIsTheGoldenFile() {
    GoldenFiles.assertMatches(FIXTURES.resolve("upgrading-cluster.txt"), StatusTable.format(report));
  }

  @Test
  void membersJoinTheOperatorsFindingsWithTheirPodsInOrdinalOrderWithoutTheProxy() {
    assertThat(report.members()).extracting(ClusterStatusReport.Member::pod).containsExactly("hdb-0", "hdb-1", "hdb-2");
    assertThat(report.members()).extracting(ClusterStatusReport.Member::raftRole)
        .containsExactly("Leader", "Follower", "Follower");
    assertThat(report.members()).extracting(ClusterStatusReport.Member::ready).containsExactly(true, false, true);
    assertThat(report.members()).extracting(ClusterStatusReport.Member::version).containsExactly("0.8.5", "0.8.6", "0.8.6");
  }

  @Test
  void eachMembersLastRestartIsItsNewestRestartEventOnThisCluster() {
    assertThat(report.members().get(0).lastRestart()).isNull();
    assertThat(report.members().get(1).lastRestart())
        .isEqualTo(new ClusterStatusReport.LastRestart(List.of("version"), "2026-12-07T08:01:10.250Z"));
    assertThat(report.members().get(2).lastRestart().reasons()).containsExactly("version");
  }

  @Test
  void theUpgradeIsTheOperationWithItsMemberStepAndProgress() {
    assertThat(report.operation()).isEqualTo(new ClusterStatusReport.Operation("RollingUpgrade", "hdb-1", "Restarting",
        "2026-12-07T08:01:10Z", "1 of 3 members upgraded to 0.8.6"));
  }

  @Test
  void backupsOfThisClusterShowTheirLastRunAndWhyItFailed() {
    assertThat(report.backups()).extracting(ClusterStatusReport.Backup::name)
        .containsExactly("hdb-before-upgrade", "hdb-nightly");
    assertThat(report.backups().get(0).lastRun().message()).isEqualTo("the object store refused the upload: 403 Forbidden");
    assertThat(report.backups().get(1).lastRun().backupPath()).isEqualTo("s3://backups/prod/hdb/20261207T020001Z");
    assertThat(report.backups().get(1).lastRun().sizeBytes()).isEqualTo(734003200L);
  }

  @Test
  void aClusterWithoutStatusHasNullsAndEmptyListsNotMissingFields() {
    HyperbytedbCluster fresh = SERIALIZATION.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: new, namespace: dev, generation: 1}
        spec: {replicas: 1}
        """, HyperbytedbCluster.class);

    String json = StatusJson.write(StatusReports.of(fresh, List.of(), List.of(), List.of()));

    assertThat(json).contains("\"phase\" : null", "\"members\" : [ ]", "\"operation\" : null", "\"backups\" : [ ]",
        "\"desiredReplicas\" : 1");
  }

  @Test
  void theVersionOfAnImageIsItsTagOrDigest() {
    assertThat(StatusReports.version("ghcr.io/hyperbyte-cloud/hyperbytedb:0.8.6")).isEqualTo("0.8.6");
    assertThat(StatusReports.version("registry:5000/hyperbytedb")).isEqualTo("latest");
    assertThat(StatusReports.version("hyperbytedb@sha256:abc")).isEqualTo("sha256:abc");
  }

  private static ClusterStatusReport fixture() {
    String text;
    try {
      text = Files.readString(FIXTURES.resolve("upgrading-cluster.yaml"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HyperbytedbCluster cluster = null;
    List<Pod> pods = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    List<HyperbytedbBackup> backups = new ArrayList<>();
    for (String document : text.split("(?m)^---$")) {
      String kind = document.lines().filter(l -> l.startsWith("kind: ")).findFirst().orElseThrow().substring(6).trim();
      switch (kind) {
        case "HyperbytedbCluster" -> cluster = SERIALIZATION.unmarshal(document, HyperbytedbCluster.class);
        case "Pod" -> pods.add(SERIALIZATION.unmarshal(document, Pod.class));
        case "Event" -> events.add(SERIALIZATION.unmarshal(document, Event.class));
        case "HyperbytedbBackup" -> backups.add(SERIALIZATION.unmarshal(document, HyperbytedbBackup.class));
        default -> throw new IllegalStateException("unexpected kind " + kind);
      }
    }
    return StatusReports.of(cluster, pods, events, backups);
  }
}
