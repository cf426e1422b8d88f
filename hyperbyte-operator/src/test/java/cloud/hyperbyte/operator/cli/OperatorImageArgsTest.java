package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.backup.BackupReconciler;
import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.reconcile.backup.RunRequest;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.restore.RestoreDecision;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import cloud.hyperbyte.reconcile.restore.SnapshotResolution;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import cloud.hyperbyte.reconcile.seed.SeedObservation;
import cloud.hyperbyte.reconcile.seed.SeedPodRenderer;
import cloud.hyperbyte.render.ClusterRenderer;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

/**
 * Every container the project runs from the operator's own image starts the operator's command line
 * with its {@code args}: each such args list must name a registered subcommand and parse. The
 * containers: the restore pods' fetch step ({@link RestorePodRenderer}, with and without an S3
 * endpoint), the backup pods' upload step ({@link BackupPodRenderer}, likewise), the seed pods' serve
 * and fetch steps ({@link SeedPodRenderer}) and the operator Deployment of the install bundle (the
 * chart's default render).
 */
class OperatorImageArgsTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));
  private static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0";

  @Test
  void everyOperatorImageContainersArgsNameARegisteredSubcommandAndParse() throws IOException {
    Map<String, List<String>> args = operatorImageArgs();
    assertThat(args).as("containers found").hasSizeGreaterThanOrEqualTo(5);

    for (Map.Entry<String, List<String>> container : args.entrySet()) {
      List<String> list = container.getValue();
      assertThat(list).as(container.getKey()).isNotEmpty();
      assertThat(HyperbyteCommand.commandLine().getSubcommands()).as(container.getKey() + " " + list)
          .containsKey(list.get(0));
      assertThatCode(() -> HyperbyteCommand.commandLine().parseArgs(list.toArray(String[]::new)))
          .as(container.getKey() + " " + list).doesNotThrowAnyException();
    }
  }

  /** Args by "pod/container" of every container with the operator image. */
  private static Map<String, List<String>> operatorImageArgs() throws IOException {
    Map<String, List<String>> args = new LinkedHashMap<>();
    List<HasMetadata> workloads = new ArrayList<>(restorePods());
    workloads.addAll(backupPods());
    workloads.addAll(seedPods());
    workloads.addAll(installBundleDeployments());
    for (HasMetadata workload : workloads) {
      PodSpec spec = workload instanceof Pod pod ? pod.getSpec()
          : ((Deployment) workload).getSpec().getTemplate().getSpec();
      Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
          .filter(c -> c.getImage().contains("hyperbytedb-operator"))
          .forEach(c -> args.put(workload.getMetadata().getName() + "/" + c.getName(), argsOf(c)));
    }
    return args;
  }

  private static List<String> argsOf(Container container) {
    assertThat(container.getCommand()).as(container.getName() + ": the image's entry point runs").isNullOrEmpty();
    return container.getArgs() == null ? List.of() : container.getArgs();
  }

  private static List<Pod> restorePods() throws IOException {
    HyperbytedbCluster cluster = Serialization.unmarshal(
        Files.readString(PROJECT.resolve("examples/three-node.yaml")), HyperbytedbCluster.class);
    ClusterSpec spec = ClusterSpecFactory.from(cluster, "cluster.local").orElseThrow();
    SnapshotLocation snapshot = new SnapshotLocation("backups", "hb/prod/db/20260301T020000Z/");
    S3Settings minio = new S3Settings("backups", "hb", "eu-west-1", Optional.of("http://minio.storage:9000"), true,
        Optional.of("s3-creds"));
    S3Settings aws = new S3Settings("backups", "hb", null, Optional.empty(), false, Optional.empty());
    return List.of(
        RestorePodRenderer.render(new RestorePodRenderer.Request(spec, "on-minio", Optional.empty(), 0, 1,
            RestoreDecision.DEFAULT_POD_DEADLINE, OPERATOR_IMAGE, new SnapshotResolution.Resolved(minio, snapshot))),
        RestorePodRenderer.render(new RestorePodRenderer.Request(spec, "on-aws", Optional.empty(), 2, 2,
            RestoreDecision.DEFAULT_POD_DEADLINE, OPERATOR_IMAGE, new SnapshotResolution.Resolved(aws, snapshot))));
  }

  private static List<Pod> backupPods() throws IOException {
    HyperbytedbCluster cluster = Serialization.unmarshal(
        Files.readString(PROJECT.resolve("examples/three-node.yaml")), HyperbytedbCluster.class);
    ClusterSpec spec = ClusterSpecFactory.from(cluster, "cluster.local").orElseThrow();
    S3Settings minio = new S3Settings("backups", "hb", "eu-west-1", Optional.of("http://minio.storage:9000"), true,
        Optional.of("s3-creds"));
    S3Settings aws = new S3Settings("backups", "", null, Optional.empty(), false, Optional.empty());
    java.util.function.BiFunction<String, S3Settings, RunRequest> run = (backup, destination) -> new RunRequest(
        "2026-03-01T02:00:00Z#1", spec.namespace(), backup, spec.name(), spec.name() + "-1", List.of(spec.name() + "-0", spec.name() + "-1"),
        "0.8.5", destination, 7, java.time.Instant.parse("2026-03-01T02:00:00Z"));
    return List.of(
        BackupPodRenderer.render(new BackupPodRenderer.Request(spec, run.apply("on-minio", minio), Optional.empty(), "node-a", 1,
            BackupReconciler.DEFAULT_POD_DEADLINE, OPERATOR_IMAGE)),
        BackupPodRenderer.render(new BackupPodRenderer.Request(spec, run.apply("on-aws", aws), Optional.empty(), "node-b", 1,
            BackupReconciler.DEFAULT_POD_DEADLINE, OPERATOR_IMAGE)));
  }

  private static List<Pod> seedPods() throws IOException {
    HyperbytedbCluster cluster = Serialization.unmarshal(
        Files.readString(PROJECT.resolve("examples/three-node.yaml")), HyperbytedbCluster.class);
    ClusterSpec spec = ClusterSpecFactory.from(cluster, "cluster.local").orElseThrow();
    StatefulSet statefulSet = ClusterRenderer.render(spec).objects().stream().filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast).findFirst().orElseThrow();
    SeedPodRenderer.Context context =
        new SeedPodRenderer.Context(spec, statefulSet, OPERATOR_IMAGE, java.time.Duration.ofMinutes(30));
    return List.of(SeedPodRenderer.sourcePod(context, 3, 1, new SeedObservation.Source(1, "db-1", "node-a")),
        SeedPodRenderer.targetPod(context, 3, 1, 1, "10.0.0.7:7480"));
  }

  private static List<Deployment> installBundleDeployments() throws IOException {
    List<Deployment> deployments = new ArrayList<>();
    for (String document : Files.readString(PROJECT.resolve("dist/install.yaml")).split("(?m)^---\\s*$")) {
      if (document.contains("kind: Deployment")) {
        deployments.add(Serialization.unmarshal(document, Deployment.class));
      }
    }
    return deployments;
  }
}
