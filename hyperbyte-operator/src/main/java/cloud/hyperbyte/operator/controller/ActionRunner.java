package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.ClusterWrites;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.KubernetesWriteException;
import cloud.hyperbyte.reconcile.port.ProxyAdmin;
import cloud.hyperbyte.reconcile.port.ProxyCallException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan's actions through the ports, in order, recording each action's event once it
 * succeeded. The first failure stops the rest and propagates: the pass ends without writing the
 * planned status and is retried (every action is safe to repeat).
 */
final class ActionRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

  private final DatabaseNodes nodes;
  private final ProxyAdmin proxies;
  private final ClusterWrites writes;

  ActionRunner(DatabaseNodes nodes, ProxyAdmin proxies, ClusterWrites writes) {
    this.nodes = nodes;
    this.proxies = proxies;
    this.writes = writes;
  }

  void run(ClusterRef cluster, List<Action> actions) throws ActionFailedException {
    for (Action action : actions) {
      try {
        perform(cluster, action);
      } catch (DatabaseCallException | ProxyCallException | KubernetesWriteException e) {
        throw new ActionFailedException(action, e);
      }
      LOG.info("{}: {}", action.event().reason(), action.event().message());
      writes.recordEvent(cluster, action.event());
    }
  }

  private void perform(ClusterRef cluster, Action action)
      throws DatabaseCallException, ProxyCallException, KubernetesWriteException {
    if (action instanceof Action.AddMember add) {
      nodes.addNode(add.leader(), add.member().nodeId(), add.member().clusterAddress(), true);
    } else if (action instanceof Action.RemoveMember remove) {
      nodes.removeNode(remove.leader(), remove.member().nodeId());
    } else if (action instanceof Action.DrainMember drain) {
      nodes.drain(drain.member());
    } else if (action instanceof Action.DeletePod delete) {
      writes.deletePod(cluster, delete.podName(), delete.podUid());
    } else if (action instanceof Action.DeletePvc delete) {
      writes.deletePvc(cluster, delete.pvcName());
    } else if (action instanceof Action.ExcludeFromProxy exclude) {
      proxies.exclude(exclude.proxy(), exclude.backendIp());
    } else if (action instanceof Action.IncludeInProxy include) {
      proxies.include(include.proxy(), include.backendIp());
    } else {
      throw new IllegalStateException("unknown action " + action);
    }
  }

  /** An action could not be carried out. */
  static final class ActionFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    ActionFailedException(Action action, Exception cause) {
      super(action.getClass().getSimpleName() + " on ordinal " + action.ordinal() + " failed: " + cause.getMessage(), cause);
    }
  }
}
