package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.auth.AuthDecision;
import cloud.hyperbyte.reconcile.status.ClusterConditions;
import cloud.hyperbyte.reconcile.status.TlsReadyCondition;
import cloud.hyperbyte.reconcile.storage.StorageStatusReport;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a status change someone acts on from progress alone, and progress of a cluster being created
 * from progress of one that runs. Acted on: a generation observed, a phase past creation (Running,
 * Scaling, Upgrading, Failed), a condition's status or reason, the versions, the hashes, and the
 * lifecycle's operation memory (failover count, upgrade, scale-down and seeding progress). Progress:
 * member details, replica counts, cluster and replication state, condition messages, and while the
 * cluster is created (Pending, Initializing, or Running before it is Ready) its phase, its own
 * conditions and current version, except a condition saying it waits for someone (a CRD or Secret
 * missing, a storage class that cannot grow, paused), which is news.
 *
 * <p>Why progress may wait: users wait on phases and conditions ({@code kubectl wait}), the
 * lifecycle resumes from its operation memory, and both need the write at once; the counts and
 * member details of a cluster coming up change with every pod event and are only read by people.
 * The lifecycle's other memory, since when each member is unhealthy, is member detail: it reaches
 * status at most one pacing period late, which moves a failover deadline of minutes by seconds.
 */
final class StatusProgress {

  /** How a derived status differs from the stored one, as far as its pacing goes. */
  enum Change {
    /** Something someone acts on: written at once. */
    NEWS,
    /** Progress of a cluster past creation. */
    PROGRESS,
    /**
     * Progress of a cluster still being created: nothing written yet, or Pending or Initializing,
     * and also Running while some member does not serve yet (a creation ends when the cluster is
     * Ready, so Running and Ready make one write).
     */
    CREATION
  }

  private static final Set<String> CREATION_PHASES = Set.of("Pending", "Initializing");
  private static final String READY = "Ready";
  /**
   * Conditions that say a creation waits for someone (a CRD or Secret to install, a storage class to
   * change, a resume), with their state that says so. Not Degraded: members not answering yet is how
   * every creation starts, and a stall shows it within a minute.
   */
  private static final Map<String, String> BLOCKED_WHEN = Map.of(CrdsInstalledCondition.TYPE, "False",
      TlsReadyCondition.TYPE, "False", AuthDecision.CONDITION, "False", StorageStatusReport.RESIZABLE, "False",
      ClusterConditions.PAUSED, "True");

  private StatusProgress() {}

  /** How {@code derived} differs from {@code stored}, assuming it differs. */
  static Change of(HyperbytedbClusterStatus stored, HyperbytedbClusterStatus derived) {
    boolean creating = stored == null || stored.getPhase() == null || CREATION_PHASES.contains(stored.getPhase());
    if (creating && !troubles(stored).equals(troubles(derived))) {
      // what blocks a creation (a CRD or Secret missing, the spec refused, paused) is not its progress
      return Change.NEWS;
    }
    if (creating && formedBeforeReady(stored, derived)) {
      return Change.CREATION;
    }
    if (!only(stored, derived)) {
      return Change.NEWS;
    }
    return creating ? Change.CREATION : Change.PROGRESS;
  }

  /**
   * What a creation has got to, for telling a creation that moves from one that stalls: the status
   * without what changes on every pass while nothing happens (condition messages and transition
   * times, which have nothing stored to keep them, and members' unhealthy-since times).
   */
  static String creationProgress(HyperbytedbClusterStatus derived) {
    HyperbytedbClusterStatus copy = StatusCopy.of(derived);
    Optional.ofNullable(copy.getConditions()).orElse(List.of()).forEach(condition -> {
      condition.setMessage(null);
      condition.setLastTransitionTime(null);
    });
    Optional.ofNullable(copy.getMembers()).orElse(List.of()).forEach(member -> member.setUnhealthySince(null));
    return Serialization.asJson(copy);
  }

  /** Whether {@code derived} differs from {@code stored} only in progress. */
  private static boolean only(HyperbytedbClusterStatus stored, HyperbytedbClusterStatus derived) {
    if (stored == null || stored.getPhase() == null) {
      // nothing written yet: a cluster still being created is news only once it is past creation
      return derived == null || derived.getPhase() == null || CREATION_PHASES.contains(derived.getPhase());
    }
    return StatusCopy.same(withoutProgress(stored), withoutProgress(derived));
  }

  /**
   * Running with its Ready condition False, and nothing else news: the same status as a creation
   * would be but for the phase, which creation treats as progress.
   */
  private static boolean formedBeforeReady(HyperbytedbClusterStatus stored, HyperbytedbClusterStatus derived) {
    if (derived == null || !"Running".equals(derived.getPhase()) || ready(derived)) {
      return false;
    }
    // nothing written yet: nothing else to compare, as for any creation
    if (stored == null || stored.getPhase() == null) {
      return true;
    }
    HyperbytedbClusterStatus stillCreating = StatusCopy.of(derived);
    stillCreating.setPhase("Initializing");
    return only(stored, stillCreating);
  }

  /**
   * The conditions saying the creation waits for someone ({@link #BLOCKED_WHEN}), with their reasons:
   * a creation waits for no stall to show them.
   */
  private static Set<String> troubles(HyperbytedbClusterStatus status) {
    return Optional.ofNullable(status).map(HyperbytedbClusterStatus::getConditions).orElse(List.of()).stream()
        .filter(c -> c.getStatus() != null && c.getStatus().equals(BLOCKED_WHEN.get(c.getType())))
        .map(c -> c.getType() + "/" + c.getReason())
        .collect(java.util.stream.Collectors.toSet());
  }

  private static boolean ready(HyperbytedbClusterStatus status) {
    return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
        .filter(c -> READY.equals(c.getType())).map(Condition::getStatus).anyMatch("True"::equals);
  }

  private static HyperbytedbClusterStatus withoutProgress(HyperbytedbClusterStatus status) {
    HyperbytedbClusterStatus copy = StatusCopy.of(status);
    copy.setReplicas(null);
    copy.setReadyReplicas(null);
    copy.setClusterState(null);
    copy.setReplicationState(null);
    copy.setMembers(null);
    if (copy.getPhase() != null && CREATION_PHASES.contains(copy.getPhase())) {
      // while a cluster is created its conditions say how far it got; Running is the news. So is
      // its first version: every pod Ready before Raft formed sets it, and Running and Ready carry it
      copy.setPhase(null);
      copy.setConditions(null);
      copy.setCurrentVersion(null);
    }
    Optional.ofNullable(copy.getConditions()).orElse(List.of()).forEach(condition -> {
      condition.setMessage(null);
      condition.setLastTransitionTime(null);
    });
    return copy;
  }
}
