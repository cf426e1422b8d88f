package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.model.v1alpha1.RollingUpgradeStatus;
import cloud.hyperbyte.model.v1alpha1.ScaleDownStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What the lifecycle remembers between passes, kept in status so that it survives an operator
 * restart: when each member became unhealthy, the failover count, and the progress of a rolling
 * upgrade or a scale-down.
 *
 * @param unhealthySince by ordinal
 * @param unhealthyPods by ordinal, the UID of the pod {@code unhealthySince} refers to: a replacement pod
 *     is another pod, so a since that outlived the failover (its status write lost) does not apply to it
 * @param failoverCount failovers performed so far
 * @param upgrade rolling upgrade progress
 * @param scaleDown scale-down progress
 */
public record LifecycleMemory(
    Map<Integer, Instant> unhealthySince,
    Map<Integer, String> unhealthyPods,
    int failoverCount,
    Optional<UpgradeProgress> upgrade,
    Optional<ScaleDownProgress> scaleDown) {

  public LifecycleMemory {
    unhealthySince = Map.copyOf(unhealthySince);
    unhealthyPods = Map.copyOf(unhealthyPods);
    Objects.requireNonNull(upgrade, "upgrade");
    Objects.requireNonNull(scaleDown, "scaleDown");
  }

  /** Nothing remembered: a new cluster. */
  public static LifecycleMemory empty() {
    return new LifecycleMemory(Map.of(), Map.of(), 0, Optional.empty(), Optional.empty());
  }

  /** Reads the memory from a status as last written; unreadable entries are dropped. */
  public static LifecycleMemory from(HyperbytedbClusterStatus status) {
    Map<Integer, Instant> since = new TreeMap<>();
    Map<Integer, String> pods = new TreeMap<>();
    for (MemberStatus member : Optional.ofNullable(status.getMembers()).orElse(List.of())) {
      if (member.getNodeId() != null && member.getNodeId() >= 1) {
        int ordinal = member.getNodeId() - 1;
        instant(member.getUnhealthySince()).ifPresent(at -> since.put(ordinal, at));
        if (since.containsKey(ordinal) && member.getPodUid() != null) {
          pods.put(ordinal, member.getPodUid());
        }
      }
    }
    return new LifecycleMemory(
        since,
        pods,
        Optional.ofNullable(status.getFailoverCount()).orElse(0),
        upgrade(status.getRollingUpgrade()),
        scaleDown(status.getScaleDown()));
  }

  private static Optional<UpgradeProgress> upgrade(RollingUpgradeStatus s) {
    if (s == null || s.getTargetRevision() == null) {
      return Optional.empty();
    }
    Optional<UpgradeStep> step = Optional.ofNullable(s.getStep()).flatMap(UpgradeStep::fromWire);
    OptionalInt ordinal = s.getOrdinal() == null || step.isEmpty() ? OptionalInt.empty() : OptionalInt.of(s.getOrdinal());
    return Optional.of(new UpgradeProgress(
        s.getTargetRevision(), ordinal, ordinal.isPresent() ? step : Optional.empty(),
        instant(s.getStepStartedAt()).orElse(Instant.EPOCH),
        Optional.ofNullable(s.getDone()).orElse(List.of()), Boolean.TRUE.equals(s.getClusterModeChange())));
  }

  private static Optional<ScaleDownProgress> scaleDown(ScaleDownStatus s) {
    if (s == null || s.getOrdinal() == null || s.getTargetReplicas() == null) {
      return Optional.empty();
    }
    return ScaleDownStep.fromWire(s.getStep())
        .map(step -> new ScaleDownProgress(s.getTargetReplicas(), s.getOrdinal(), step,
            instant(s.getStepStartedAt()).orElse(Instant.EPOCH)));
  }

  private static Optional<Instant> instant(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }

  /** The rolling upgrade part of status; null when none is in progress. */
  public RollingUpgradeStatus upgradeStatus() {
    return upgrade.map(u -> {
      RollingUpgradeStatus s = new RollingUpgradeStatus();
      s.setTargetRevision(u.targetRevision());
      u.ordinal().ifPresent(s::setOrdinal);
      u.step().ifPresent(step -> s.setStep(step.wireName()));
      s.setStepStartedAt(u.stepStartedAt().toString());
      s.setDone(u.done().isEmpty() ? null : u.done().stream().sorted().toList());
      s.setClusterModeChange(u.clusterModeChange() ? Boolean.TRUE : null);
      return s;
    }).orElse(null);
  }

  /** The scale-down part of status; null when none is in progress. */
  public ScaleDownStatus scaleDownStatus() {
    return scaleDown.map(d -> {
      ScaleDownStatus s = new ScaleDownStatus();
      s.setTargetReplicas(d.targetReplicas());
      s.setOrdinal(d.ordinal());
      s.setStep(d.step().wireName());
      s.setStepStartedAt(d.stepStartedAt().toString());
      return s;
    }).orElse(null);
  }

  /** Keeps the pod UIDs of the ordinals still in {@code value}. */
  public LifecycleMemory withUnhealthySince(Map<Integer, Instant> value) {
    Map<Integer, String> pods = new TreeMap<>(unhealthyPods);
    pods.keySet().retainAll(value.keySet());
    return new LifecycleMemory(value, pods, failoverCount, upgrade, scaleDown);
  }

  /** Since when each member is unhealthy, and the UID of the pod each since refers to. */
  public LifecycleMemory withUnhealthy(Map<Integer, Instant> since, Map<Integer, String> pods) {
    return new LifecycleMemory(since, pods, failoverCount, upgrade, scaleDown);
  }

  public LifecycleMemory withFailoverCount(int value) {
    return new LifecycleMemory(unhealthySince, unhealthyPods, value, upgrade, scaleDown);
  }

  public LifecycleMemory withUpgrade(Optional<UpgradeProgress> value) {
    return new LifecycleMemory(unhealthySince, unhealthyPods, failoverCount, value, scaleDown);
  }

  public LifecycleMemory withScaleDown(Optional<ScaleDownProgress> value) {
    return new LifecycleMemory(unhealthySince, unhealthyPods, failoverCount, upgrade, value);
  }
}
