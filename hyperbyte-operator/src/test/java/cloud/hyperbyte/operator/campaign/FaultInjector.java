package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.CLUSTER;
import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;
import static cloud.hyperbyte.operator.campaign.UserIntent.pod;

import cloud.hyperbyte.operator.campaign.Action.ApiError;
import cloud.hyperbyte.operator.campaign.Action.ApiTimeout;
import cloud.hyperbyte.operator.campaign.Action.LeaseLoss;
import cloud.hyperbyte.operator.campaign.Action.LostClaim;
import cloud.hyperbyte.operator.campaign.Action.MemberCrash;
import cloud.hyperbyte.operator.campaign.Action.MemberPartition;
import cloud.hyperbyte.operator.campaign.Action.MemberSlow;
import cloud.hyperbyte.operator.campaign.Action.MemberUnhealthy;
import cloud.hyperbyte.operator.campaign.Action.OperatorKill;
import cloud.hyperbyte.operator.campaign.Action.PodEviction;
import cloud.hyperbyte.operator.campaign.Action.S3Error;
import cloud.hyperbyte.operator.campaign.Action.S3Hang;
import cloud.hyperbyte.operator.campaign.Action.StuckDrain;
import cloud.hyperbyte.operator.campaign.Action.WatchDisconnect;
import cloud.hyperbyte.operator.campaign.Action.WatchGone;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.db.HealthFault;
import cloud.hyperbyte.testkit.db.PartitionMode;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import cloud.hyperbyte.testkit.kube.ApiFault;
import cloud.hyperbyte.testkit.kube.ApiFaults;
import cloud.hyperbyte.testkit.kube.ApiVerb;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Injects the faults of a schedule and ends each one when its time is up (on simulated time, from
 * the campaign's thread, so the ends are ordered with the steps). Member faults are registered in
 * {@link UserIntent} before they act, so the invariants excuse the outages they cause.
 */
final class FaultInjector {

  private record Ending(Instant at, String what, Runnable action) {}

  private final SimulatedCluster cluster;
  private final KubernetesClient user;
  private final OperatorPool operators;
  private final Storage storage;
  private final UserIntent intent;
  private final Trace trace;
  private final Clock clock;
  private final List<Ending> endings = new ArrayList<>();

  FaultInjector(SimulatedCluster cluster, OperatorPool operators, Storage storage, UserIntent intent, Trace trace) {
    this.cluster = cluster;
    this.storage = storage;
    this.user = cluster.observerClient();
    this.operators = operators;
    this.intent = intent;
    this.trace = trace;
    this.clock = cluster.clock();
  }

  void inject(Action fault) {
    if (fault instanceof ApiError e) {
      api(e.verb(), e.resource(), base -> base.respondWith(e.status()).withProbability(e.p()), e.lasting(), e);
    } else if (fault instanceof ApiTimeout t) {
      api(t.verb(), t.resource(), base -> base.timeout(t.delay()).withProbability(t.p()), t.lasting(), t);
    } else if (fault instanceof WatchGone g) {
      api("WATCH", "*", base -> base.respondWith(410).withProbability(g.p()), g.lasting(), g);
    } else if (fault instanceof WatchDisconnect) {
      trace.log("closed " + cluster.kubernetes().disconnectWatches() + " watches");
    } else if (fault instanceof MemberCrash c) {
      member(c.ordinal()).ifPresent(node -> crash(node, c.downFor()));
    } else if (fault instanceof MemberPartition p) {
      member(p.ordinal()).ifPresent(node -> partition(node, p.hung(), p.lasting()));
    } else if (fault instanceof MemberSlow s) {
      member(s.ordinal()).ifPresent(node -> {
        node.faults().latency(s.latency());
        endLater(s.lasting(), "no latency " + node.podName(), () -> node.faults().latency(Duration.ZERO));
      });
    } else if (fault instanceof MemberUnhealthy u) {
      member(u.ordinal()).ifPresent(node -> unhealthy(node, u.lasting()));
    } else if (fault instanceof StuckDrain s) {
      member(s.ordinal()).ifPresent(node -> {
        node.faults().stuckDrain();
        endLater(s.lasting(), "drains end " + node.podName(), () -> node.faults().clear());
      });
    } else if (fault instanceof PodEviction e) {
      intent.faultBegan(e.ordinal(), clock.instant());
      user.pods().inNamespace(NAMESPACE).withName(pod(e.ordinal())).delete();
      intent.faultEnded(e.ordinal());
    } else if (fault instanceof LostClaim l) {
      loseClaim(l.ordinal());
    } else if (fault instanceof OperatorKill k) {
      operators.killOne();
      endLater(k.restartAfter(), "start an operator", this::startOperator);
    } else if (fault instanceof LeaseLoss l) {
      operators.leaderOrAny().ifPresent(instance -> {
        trace.log(instance.identity() + " cut off from the Lease");
        operators.cutOffFromLease(instance.identity(), true);
        endLater(l.lasting(), instance.identity() + " reaches the Lease again",
            () -> operators.cutOffFromLease(instance.identity(), false));
      });
    } else if (fault instanceof S3Error e) {
      storage.faults().failWith(e.status(), e.p());
      endLater(e.lasting(), "end " + e, () -> trace.log(e + " hit " + storage.faults().heal() + " connections"));
    } else if (fault instanceof S3Hang h) {
      storage.faults().hang(h.hang(), h.p());
      endLater(h.lasting(), "end " + h, () -> trace.log(h + " hit " + storage.faults().heal() + " connections"));
    } else {
      throw new IllegalArgumentException("not a fault: " + fault);
    }
  }

  /** SIGKILL, then the container restarts (same volume) unless the pod was replaced meanwhile. */
  private void crash(SimulatedNode node, Duration downFor) {
    SimulatedDatabase database = databaseOf(node);
    intent.faultBegan(node.ordinal(), clock.instant());
    database.crash(node.ordinal());
    endLater(downFor, "restart " + node.podName(), () -> {
      if (cluster.member(NAMESPACE, node.podName()).filter(current -> current == node).isPresent()
          && !node.isProcessRunning()) {
        database.start(node.ordinal(), true);
      }
      intent.faultEnded(node.ordinal());
    });
  }

  private void partition(SimulatedNode node, boolean hung, Duration lasting) {
    SimulatedDatabase database = databaseOf(node);
    intent.faultBegan(node.ordinal(), clock.instant());
    database.partition(node.ordinal(), hung ? PartitionMode.TIMEOUT : PartitionMode.REFUSE);
    endLater(lasting, "heal " + node.podName(), () -> {
      database.heal(node.ordinal());
      intent.faultEnded(node.ordinal());
    });
  }

  private void unhealthy(SimulatedNode node, Duration lasting) {
    intent.faultBegan(node.ordinal(), clock.instant());
    node.faults().healthFault(HealthFault.WAL_BATCHER_DEAD);
    endLater(lasting, "healthy " + node.podName(), () -> {
      node.faults().healthFault(null);
      intent.faultEnded(node.ordinal());
    });
  }

  /** The claim is deleted, then its pod: the StatefulSet controller recreates both, the member on an empty volume. */
  private void loseClaim(int ordinal) {
    String claim = ClusterNames.DATA_VOLUME + "-" + pod(ordinal);
    intent.faultBegan(ordinal, clock.instant());
    intent.claimLost(claim);
    user.persistentVolumeClaims().inNamespace(NAMESPACE).withName(claim).delete();
    user.pods().inNamespace(NAMESPACE).withName(pod(ordinal)).delete();
    intent.faultEnded(ordinal);
  }

  private interface FaultShape {
    ApiFault apply(ApiFault base);
  }

  private void api(String verb, String resource, FaultShape shape, Duration lasting, Action fault) {
    String description = fault.toString();
    ApiFault base = verb.equals("*") ? ApiFault.onAnyVerb(resource) : ApiFault.on(ApiVerb.valueOf(verb), resource);
    ApiFaults.Injected injected = cluster.kubernetes().faults().inject(shape.apply(base));
    endLater(lasting, "end " + description, () -> {
      injected.remove();
      trace.log(description + " hit " + injected.hits() + " requests");
    });
  }

  private void startOperator() {
    try {
      operators.startOne();
    } catch (Exception e) {
      throw new IllegalStateException("could not start an operator", e);
    }
  }

  private Optional<SimulatedNode> member(int ordinal) {
    Optional<SimulatedNode> node = cluster.member(NAMESPACE, pod(ordinal));
    if (node.isEmpty()) {
      trace.log("no member " + pod(ordinal) + " to fault");
    }
    return node;
  }

  private SimulatedDatabase databaseOf(SimulatedNode node) {
    return cluster.databases(NAMESPACE, CLUSTER).stream()
        .filter(database -> database.nodes().stream().anyMatch(candidate -> candidate == node))
        .findFirst().orElseThrow();
  }

  private void endLater(Duration after, String what, Runnable action) {
    synchronized (endings) {
      endings.add(new Ending(clock.instant().plus(after), what, action));
    }
  }

  /** Ends the faults whose time is up. */
  void endDue() {
    end(clock.instant());
  }

  /** Ends every fault now and makes sure an operator runs: the run must converge from here. */
  void endAll() throws Exception {
    end(Instant.MAX);
    storage.faults().heal();
    cluster.kubernetes().faults().clear();
    operators.reconnectAll();
    if (operators.alive() == 0) {
      operators.startOne();
    }
  }

  private void end(Instant upTo) {
    List<Ending> due = new ArrayList<>();
    synchronized (endings) {
      for (Iterator<Ending> it = endings.iterator(); it.hasNext();) {
        Ending ending = it.next();
        if (!ending.at().isAfter(upTo)) {
          due.add(ending);
          it.remove();
        }
      }
    }
    for (Ending ending : due) {
      trace.log(ending.what());
      ending.action().run();
    }
  }
}
