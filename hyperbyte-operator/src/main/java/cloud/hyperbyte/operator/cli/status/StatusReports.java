package cloud.hyperbyte.operator.cli.status;

import cloud.hyperbyte.model.v1alpha1.BackupRun;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.model.v1alpha1.RollingUpgradeStatus;
import cloud.hyperbyte.model.v1alpha1.ScaleDownStatus;
import cloud.hyperbyte.operator.cli.status.ClusterStatusReport.Backup;
import cloud.hyperbyte.operator.cli.status.ClusterStatusReport.Condition;
import cloud.hyperbyte.operator.cli.status.ClusterStatusReport.Member;
import cloud.hyperbyte.operator.cli.status.ClusterStatusReport.Operation;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a {@link ClusterStatusReport} from objects as the API server returns them. Member health,
 * role and state are the operator's own findings (its status); readiness and the running version are
 * read from the pods as the operator reads them ({@link ObservedPod}); the last restart of each member
 * is its newest {@code MemberRestart} event.
 */
public final class StatusReports {

  private StatusReports() {}

  /**
   * The report of {@code cluster}.
   *
   * @param pods pods of the cluster (others, such as proxy pods, are ignored)
   * @param events events of the namespace (those on other objects are ignored)
   * @param backups HyperbytedbBackups of the namespace (those of other clusters are ignored)
   */
  public static ClusterStatusReport of(HyperbytedbCluster cluster, List<Pod> pods, List<Event> events,
      List<HyperbytedbBackup> backups) {
    String name = cluster.getMetadata().getName();
    HyperbytedbClusterStatus status = Optional.ofNullable(cluster.getStatus()).orElseGet(HyperbytedbClusterStatus::new);
    var spec = cluster.getSpec();
    Map<String, RestartEvents.Restart> restarts = RestartEvents.lastPerPod(name, events);
    return new ClusterStatusReport(
        name,
        cluster.getMetadata().getNamespace(),
        status.getPhase(),
        cluster.getMetadata().getGeneration(),
        status.getObservedGeneration(),
        spec != null && Boolean.TRUE.equals(spec.getPaused()),
        status.getCurrentVersion(),
        status.getTargetVersion(),
        spec == null ? null : spec.getReplicas(),
        status.getReplicas(),
        status.getReadyReplicas(),
        status.getClusterState(),
        status.getReplicationState(),
        members(name, status, pods, restarts),
        Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
            .map(c -> new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime()))
            .toList(),
        operation(name, status, spec == null ? null : spec.getReplicas()),
        backups.stream()
            .filter(b -> b.getSpec() != null && name.equals(b.getSpec().getClusterName()))
            .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
            .map(StatusReports::backup)
            .toList());
  }

  private static List<Member> members(String cluster, HyperbytedbClusterStatus status, List<Pod> pods,
      Map<String, RestartEvents.Restart> restarts) {
    Pattern memberName = Pattern.compile(Pattern.quote(cluster) + "-\\d+");
    Map<String, ObservedPod> observed = pods.stream()
        .filter(p -> p.getMetadata() != null && memberName.matcher(p.getMetadata().getName()).matches())
        .map(p -> ObservedPod.from(p, cluster))
        .collect(Collectors.toMap(ObservedPod::name, Function.identity(), (a, b) -> a));
    Map<String, MemberStatus> reported = Optional.ofNullable(status.getMembers()).orElse(List.of()).stream()
        .filter(m -> m.getPodName() != null)
        .collect(Collectors.toMap(MemberStatus::getPodName, Function.identity(), (a, b) -> a));
    // by ordinal: a member the status lists whose pod is gone, and a pod the status does not list yet
    Map<Integer, String> byOrdinal = new TreeMap<>();
    observed.values().forEach(p -> byOrdinal.put(p.ordinal(), p.name()));
    reported.keySet().stream().filter(pod -> memberName.matcher(pod).matches())
        .forEach(pod -> byOrdinal.putIfAbsent(Integer.parseInt(pod.substring(cluster.length() + 1)), pod));
    return byOrdinal.entrySet().stream().map(entry -> {
      String pod = entry.getValue();
      Optional<MemberStatus> member = Optional.ofNullable(reported.get(pod));
      Optional<ObservedPod> running = Optional.ofNullable(observed.get(pod));
      return new Member(pod,
          member.map(MemberStatus::getNodeId).orElse(entry.getKey() + 1),
          member.map(MemberStatus::getRaftRole).orElse(null),
          member.map(MemberStatus::getVoter).orElse(null),
          member.map(MemberStatus::getState).orElse(null),
          member.map(MemberStatus::getHealth).orElse(null),
          running.map(ObservedPod::ready).orElse(false),
          running.flatMap(p -> p.inputs().image()).map(StatusReports::version).orElse(null),
          Optional.ofNullable(restarts.get(pod)).map(RestartEvents.Restart::report).orElse(null));
    }).toList();
  }

  private static Operation operation(String cluster, HyperbytedbClusterStatus status, Integer desired) {
    RollingUpgradeStatus upgrade = status.getRollingUpgrade();
    if (upgrade != null) {
      int done = Optional.ofNullable(upgrade.getDone()).map(List::size).orElse(0);
      Integer total = Optional.ofNullable(status.getReplicas()).orElse(desired);
      return new Operation("RollingUpgrade", pod(cluster, upgrade.getOrdinal()), upgrade.getStep(),
          upgrade.getStepStartedAt(),
          done + " of " + (total == null ? "?" : total) + " members upgraded"
              + (status.getTargetVersion() == null ? "" : " to " + status.getTargetVersion()));
    }
    ScaleDownStatus scaleDown = status.getScaleDown();
    if (scaleDown != null) {
      return new Operation("ScaleDown", pod(cluster, scaleDown.getOrdinal()), scaleDown.getStep(),
          scaleDown.getStepStartedAt(),
          (status.getReplicas() == null ? "?" : status.getReplicas()) + " -> " + scaleDown.getTargetReplicas()
              + " replicas");
    }
    if (status.getHeldBy() != null) {
      return new Operation("RestoreHold", null, null, null,
          "held at zero replicas by HyperbytedbRestore " + status.getHeldBy());
    }
    return null;
  }

  private static String pod(String cluster, Integer ordinal) {
    return ordinal == null ? null : cluster + "-" + ordinal;
  }

  private static Backup backup(HyperbytedbBackup backup) {
    var status = backup.getStatus();
    String schedule = backup.getSpec().getSchedule();
    if (status == null) {
      return new Backup(backup.getMetadata().getName(), blankToNull(schedule), null, null, null);
    }
    Optional<BackupRun> newest = Optional.ofNullable(status.getHistory()).orElse(List.of()).stream()
        .filter(Objects::nonNull).findFirst();
    ClusterStatusReport.BackupRun last = newest
        .map(r -> new ClusterStatusReport.BackupRun(r.getPhase(), r.getStartTime(), r.getCompletionTime(),
            r.getBackupPath(), r.getSizeBytes(), r.getMessage()))
        .orElseGet(() -> lastOneShotRun(status));
    return new Backup(backup.getMetadata().getName(), blankToNull(schedule), status.getPhase(), last,
        status.getNextScheduleTime());
  }

  /** A one-shot backup keeps no history: its run is the status itself once it finished. */
  private static ClusterStatusReport.BackupRun lastOneShotRun(cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus status) {
    if (!"Completed".equals(status.getPhase()) && !"Failed".equals(status.getPhase())) {
      return null;
    }
    boolean completed = "Completed".equals(status.getPhase());
    return new ClusterStatusReport.BackupRun(status.getPhase(), status.getStartTime(), status.getCompletionTime(),
        completed ? status.getBackupPath() : null, completed ? status.getBackupSizeBytes() : null,
        completed ? null : failureMessage(status));
  }

  private static String failureMessage(cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus status) {
    return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
        .filter(c -> "False".equals(c.getStatus()) && c.getMessage() != null)
        .map(io.fabric8.kubernetes.api.model.Condition::getMessage)
        .findFirst().orElse(null);
  }

  /** The tag or digest of an image reference: what a person calls its version. */
  static String version(String image) {
    int at = image.indexOf('@');
    if (at >= 0) {
      return image.substring(at + 1);
    }
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
