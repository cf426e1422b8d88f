package cloud.hyperbyte.reconcile.execute;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.port.AddNodeResult;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.ClusterWrites;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.Fence;
import cloud.hyperbyte.reconcile.port.FencedException;
import cloud.hyperbyte.reconcile.port.KubernetesWriteException;
import cloud.hyperbyte.reconcile.port.ProxyAdmin;
import cloud.hyperbyte.reconcile.port.ProxyCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a pass's actions in plan order through the ports and records an Event for each: the action's
 * own event when it succeeds, a Warning when it fails. The first failure stops the pass, because
 * later actions were planned on the assumption that earlier ones happened (exclude from the proxies
 * before the restart, drain before the removal). Nothing is retried here: the next pass observes
 * again and re-plans, and every action is safe to repeat.
 *
 * <p>Every action passes the {@link Fence} first: an instance that may have lost leadership stops
 * at its next action, whatever the plan still holds.
 *
 * <p>Only the ports' declared failures ({@link DatabaseCallException}, {@link ProxyCallException},
 * {@link KubernetesWriteException}) become an {@link ActionFailure}; an unchecked exception is a bug
 * and propagates.
 */
public final class ActionExecutor {

  private final DatabaseNodes nodes;
  private final ProxyAdmin proxies;
  private final ClusterWrites writes;
  private final RetryDelays retryDelays;
  private final Fence fence;

  /**
   * @param fence consulted right before each action: once it refuses, the {@link FencedException}
   *     ends the pass and no later action runs
   */
  public ActionExecutor(DatabaseNodes nodes, ProxyAdmin proxies, ClusterWrites writes, RetryDelays retryDelays,
      Fence fence) {
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.proxies = Objects.requireNonNull(proxies, "proxies");
    this.writes = Objects.requireNonNull(writes, "writes");
    this.retryDelays = Objects.requireNonNull(retryDelays, "retryDelays");
    this.fence = Objects.requireNonNull(fence, "fence");
  }

  public ActionExecutor(DatabaseNodes nodes, ProxyAdmin proxies, ClusterWrites writes, RetryDelays retryDelays) {
    this(nodes, proxies, writes, retryDelays, Fence.open());
  }

  public ActionExecutor(DatabaseNodes nodes, ProxyAdmin proxies, ClusterWrites writes) {
    this(nodes, proxies, writes, RetryDelays.defaults());
  }

  public ActionExecutor(DatabaseNodes nodes, ProxyAdmin proxies, ClusterWrites writes, Fence fence) {
    this(nodes, proxies, writes, RetryDelays.defaults(), fence);
  }

  /** Runs {@code plan}'s actions for {@code cluster}. */
  public ExecutionResult execute(ClusterRef cluster, LifecyclePlan plan) {
    return execute(cluster, plan.actions());
  }

  /**
   * Runs {@code actions} in order for {@code cluster} until one fails. An action's event is recorded
   * only when it changed something: re-excluding a member on a proxy that already excludes it, or
   * that has not discovered it, happens in every pass of an upgrade and is no news.
   */
  public ExecutionResult execute(ClusterRef cluster, List<Action> actions) {
    Objects.requireNonNull(cluster, "cluster");
    List<Action> completed = new ArrayList<>();
    List<Action> effective = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      Outcome outcome = run(cluster, action);
      if (outcome.failure().isPresent()) {
        ActionFailure f = outcome.failure().get();
        writes.recordEvent(cluster, ClusterEvent.warning(f.reason(), f.message(), podName(action)));
        return new ExecutionResult(completed, effective, outcome.failure(), actions.subList(i + 1, actions.size()));
      }
      completed.add(action);
      if (outcome.changed()) {
        writes.recordEvent(cluster, action.event());
        effective.add(action);
      }
    }
    return new ExecutionResult(completed, effective, Optional.empty(), List.of());
  }

  /** What running one action did: failed, or succeeded and changed something or not. */
  private record Outcome(Optional<ActionFailure> failure, boolean changed) {
    static final Outcome CHANGED = new Outcome(Optional.empty(), true);
    static final Outcome UNCHANGED = new Outcome(Optional.empty(), false);

    static Outcome failed(ActionFailure failure) {
      return new Outcome(Optional.of(failure), false);
    }
  }

  private Outcome run(ClusterRef cluster, Action action) {
    fence.check(action.getClass().getSimpleName() + " on " + cluster.namespace() + "/" + action.event().podName()
        .orElse(cluster.name()));
    try {
      if (action instanceof Action.AddMember add) {
        AddNodeResult result = nodes.addNode(add.leader(), add.member().nodeId(), add.member().clusterAddress(), true);
        if (!result.promotedToVoter()) {
          // the node joined as a learner only; the contract says to repeat the call
          return Outcome.failed(new ActionFailure(action, "MemberPromotionFailed",
              "node " + add.member().nodeId() + " was added as a learner but not promoted to voter by leader node "
                  + add.leader().nodeId() + "; adding it again on the next pass",
              null, retryDelays.errorAnswer()));
        }
      } else if (action instanceof Action.RemoveMember remove) {
        nodes.removeNode(remove.leader(), remove.member().nodeId());
      } else if (action instanceof Action.DrainMember drain) {
        nodes.drain(drain.member());
      } else if (action instanceof Action.DeletePod delete) {
        writes.deletePod(cluster, delete.podName(), delete.podUid());
      } else if (action instanceof Action.DeletePvc delete) {
        writes.deletePvc(cluster, delete.pvcName());
      } else if (action instanceof Action.ExcludeFromProxy exclude) {
        return proxies.exclude(exclude.proxy(), exclude.backendIp()) == ProxyAdmin.Exclusion.EXCLUDED
            ? Outcome.CHANGED : Outcome.UNCHANGED;
      } else if (action instanceof Action.IncludeInProxy include) {
        return proxies.include(include.proxy(), include.backendIp()) == ProxyAdmin.Inclusion.INCLUDED
            ? Outcome.CHANGED : Outcome.UNCHANGED;
      } else if (action instanceof Action.ResizeVolume resize) {
        writes.resizePvc(cluster, resize.pvcName(), resize.size());
      } else if (action instanceof Action.ReleaseRestart) {
        // the StatefulSet write after the actions lowers the partition; only the event is recorded here
      } else if (action instanceof Action.ApplyAdminCredentials credentials) {
        boolean created = credentials.create()
            && nodes.createAdminUser(credentials.member(), credentials.applied(), credentials.wanted());
        if (!created) {
          nodes.setPassword(credentials.member(), credentials.applied(), credentials.wanted());
        }
      } else if (action instanceof Action.OrphanStatefulSet orphan) {
        writes.deleteStatefulSetOrphaningPods(cluster, orphan.name(), orphan.uid());
      } else {
        throw new IllegalArgumentException("unknown action " + action);
      }
      return Outcome.CHANGED;
    } catch (DatabaseCallException e) {
      return Outcome.failed(new ActionFailure(action, failureReason(action), e.getMessage(), e,
          retryDelays.after(e.kind())));
    } catch (ProxyCallException e) {
      return Outcome.failed(new ActionFailure(action, failureReason(action), e.getMessage(), e,
          retryDelays.after(e.kind())));
    } catch (KubernetesWriteException e) {
      return Outcome.failed(new ActionFailure(action, failureReason(action), e.getMessage(), e,
          retryDelays.afterKubernetes(e.httpStatus())));
    }
  }

  private static String failureReason(Action action) {
    if (action instanceof Action.AddMember) {
      return "MemberAddFailed";
    } else if (action instanceof Action.RemoveMember) {
      return "MemberRemoveFailed";
    } else if (action instanceof Action.DrainMember) {
      return "MemberDrainFailed";
    } else if (action instanceof Action.DeletePod) {
      return "PodDeleteFailed";
    } else if (action instanceof Action.DeletePvc) {
      return "VolumeDeleteFailed";
    } else if (action instanceof Action.ExcludeFromProxy) {
      return "MemberExcludeFailed";
    } else if (action instanceof Action.ResizeVolume) {
      return "VolumeResizeFailed";
    } else if (action instanceof Action.OrphanStatefulSet) {
      return "StatefulSetReplaceFailed";
    } else if (action instanceof Action.ApplyAdminCredentials) {
      return "AdminCredentialsFailed";
    }
    return "MemberIncludeFailed";
  }

  /** The member pod an action concerns, for the failure event; none for a PVC. */
  private static String podName(Action action) {
    return action.event().podName().orElse(null);
  }
}
