package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.snapshot.TemplateInputs;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Why a member restarts, as its restart event names it. */
public enum RestartReason {
  /** The database image changed (a new version, or another image). */
  VERSION("version"),
  /** The rendered config.toml changed. */
  CONFIG("config"),
  /** The TLS material changed (renewed or replaced certificate). */
  CERTIFICATE("certificate"),
  /** The cluster's {@code hyperbytedb.hyperbyte.cloud/restartedAt} annotation changed. */
  REQUEST("request"),
  /** Scaling from one member turned cluster mode on; member 0 restarts to bootstrap Raft. */
  SCALE("scale"),
  /** The member runs a pod the Go operator made; it restarts once into this operator's template. */
  ADOPTION("adoption"),
  /** Another pod template change (resources, scheduling, volumes …), or one not observable on the pod. */
  TEMPLATE("template");

  private final String wireName;

  RestartReason(String wireName) {
    this.wireName = wireName;
  }

  /** The name events and logs use. */
  public String wireName() {
    return wireName;
  }

  /**
   * The reasons a member started with {@code running} restarts into {@code target}: one per input
   * that differs; {@link #TEMPLATE} when none does (the change is elsewhere in the template) or when
   * either side was not observed; only {@link #ADOPTION} when the Go operator made the running pod
   * (every input differs then, and none of them is the reason).
   */
  public static Set<RestartReason> between(TemplateInputs running, TemplateInputs target) {
    if (running.goOperatorPod()) {
      return EnumSet.of(ADOPTION);
    }
    if (!running.known() || !target.known()) {
      return EnumSet.of(TEMPLATE);
    }
    Set<RestartReason> reasons = EnumSet.noneOf(RestartReason.class);
    if (!running.image().equals(target.image())) {
      reasons.add(VERSION);
    }
    if (!running.configHash().equals(target.configHash())) {
      reasons.add(CONFIG);
    }
    if (!running.certificateHash().equals(target.certificateHash())) {
      reasons.add(CERTIFICATE);
    }
    if (!running.restartedAt().equals(target.restartedAt())) {
      reasons.add(REQUEST);
    }
    return reasons.isEmpty() ? EnumSet.of(TEMPLATE) : reasons;
  }

  /** {@code "reason: request"} or {@code "reasons: version, config"}, for event messages. */
  public static String describe(Set<RestartReason> reasons) {
    return (reasons.size() == 1 ? "reason: " : "reasons: ")
        + reasons.stream().sorted().map(RestartReason::wireName).collect(Collectors.joining(", "));
  }
}
