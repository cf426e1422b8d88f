package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.operator.controller.Operator;
import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.leader.FenceInterceptor;
import cloud.hyperbyte.operator.leader.LeadershipFence;
import cloud.hyperbyte.operator.leader.LeaseSettings;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 3: two operator replicas on one simulated cluster, the Lease moving between them.
 * The leader's Lease renewals stop reaching the API server while a backup attempt it started runs
 * and there is work to do; the standby takes the Lease over once it expired. Judged on the Lease's
 * own timeline: the old leader sends no write once its fence closed, long before the takeover; the
 * backup attempt runs in its own pod, so nothing of it is left in the old leader, and the new leader
 * reads that same pod's result instead of starting the attempt again.
 */
class LeadershipFencingE2eTest extends BackupE2eTest {

  private static final String LEASE = "hyperbytedb-operator-leader";
  /** 3 s lease, 2 s renew deadline, 250 ms retry: the fence holds 1.75 s after a renewal, 1.25 s before a takeover. */
  private static final Duration LEASE_DURATION = Duration.ofSeconds(3);

  private final List<Replica> replicas = new ArrayList<>();

  /** The backup pod's upload step (the operator image's real command line), held until released. */
  private final HeldProgram upload = new HeldProgram(new OperatorImageProgram());

  @Override
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    return builder.containerProgram(OPERATOR_IMAGE::equals, new SeedRouting(new OperatorImageProgram(), upload, () -> user));
  }

  @Override
  OperatorProcess startOperator() {
    return null; // the two replicas are started by the scenario
  }

  @AfterEach
  void stopReplicas() throws Exception {
    upload.release();
    for (Replica replica : replicas) {
      replica.close();
    }
  }

  @Test
  void aLeaderThatCannotRenewWritesNothingOnceItsFenceClosedAndTheNewLeaderReadsTheBackupPodItStarted()
      throws Exception {
    Replica a = start("replica-a");
    eventually().until(a.operator::isLeader);
    Replica b = start("replica-b");
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    createBackup("snap");
    eventually().until(() -> upload.waiting() == 1);

    Instant cut = Instant.now();
    a.leaseCut.set(true);
    // work for whoever leads: the old leader may start it while its fence holds, the new one finishes it
    setReplicas("hdb", 4);
    eventually().until(b.operator::isLeader);
    Lease lease = user.leases().inNamespace(NS).withName(LEASE).get();
    Instant takeover = lease.getSpec().getAcquireTime().toInstant();

    eventually().until(a.lost::get);
    assertThat(a.lost).as("the old leader was told, and the process would exit").isTrue();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("replica-b");
    // a renewal that passed before the cut is stamped before it: the fence closed by cut + validity
    Instant fenceClosedBy = cut.plus(a.settings.fenceValidity());
    assertThat(fenceClosedBy).isBefore(takeover);
    assertThat(a.writesAfter(fenceClosedBy)).as("writes of the old leader after its fence closed").isEmpty();
    assertThat(a.writesAfter(takeover)).isEmpty();

    awaitRunning("hdb", 4);
    upload.release();
    eventually().until(() -> "Completed".equals(backupPhase("snap")));
    assertThat(b.writesAfter(takeover)).as("the new leader carried the work on").isNotEmpty();
    HyperbytedbBackup done = user.resources(HyperbytedbBackup.class).inNamespace(NS).withName("snap").get();
    assertThat(done.getStatus().getAttempts()).as("the attempt survived the leader change").isEqualTo(1);
    assertThat(upload.runs()).as("one backup pod, started by the old leader, finished under the new one").isEqualTo(1);
    eventually().until(() -> user.pods().inNamespace(NS).withLabel(BackupPodRenderer.BACKUP_LABEL, "snap").list()
        .getItems().isEmpty());
  }

  private Replica start(String identity) throws Exception {
    Replica replica = new Replica(identity, sim);
    replicas.add(replica);
    return replica;
  }

  private String backupPhase(String name) {
    HyperbytedbBackup backup = user.resources(HyperbytedbBackup.class).inNamespace(NS).withName(name).get();
    return backup == null || backup.getStatus() == null ? null : backup.getStatus().getPhase();
  }

  /**
   * One operator replica with leader election, wired as {@code RunCommand} wires it (fenced client),
   * on a network the test can cut for its Lease requests alone. Every write it sends is timed.
   */
  private static final class Replica implements AutoCloseable {
    private static final Set<String> READS = Set.of("GET", "HEAD");

    final LeaseSettings settings;
    final LeadershipFence fence = new LeadershipFence(Clock.systemUTC());
    final AtomicBoolean leaseCut = new AtomicBoolean();
    final AtomicBoolean lost = new AtomicBoolean();
    private final List<Instant> writes = Collections.synchronizedList(new ArrayList<>());
    private final KubernetesClient client;
    final Operator operator;

    Replica(String identity, SimulatedCluster sim) throws Exception {
      settings = new LeaseSettings(NS, LEASE, identity, LEASE_DURATION, Duration.ofSeconds(2), Duration.ofMillis(250));
      client = sim.kubernetes().newClient(builder -> builder.withHttpClientBuilderConsumer(http -> http
          .addOrReplaceInterceptor("fence", new FenceInterceptor(fence))
          .addOrReplaceInterceptor("network", new Interceptor() {
            @Override
            public void before(BasicBuilder request, HttpRequest sent, RequestTags tags) {
              boolean toLease = sent.uri().getPath().contains("/leases");
              if (toLease && leaseCut.get()) {
                throw new KubernetesClientException("simulated: the Lease request does not reach the API server");
              }
              if (!toLease && !READS.contains(sent.method())) {
                writes.add(Instant.now());
              }
            }
          })));
      OperatorSettings operatorSettings = new OperatorSettings(WatchedNamespaces.all(), "cluster.local",
          Optional.of(settings), -1, -1, 4, OperatorProcess.DEFAULT_RESYNC, Duration.ofSeconds(5),
          Duration.ofSeconds(5), Optional.of(OPERATOR_IMAGE)).withLifecycleTimings(OperatorProcess.TIMINGS);
      operator = new Operator(client, operatorSettings, new OperatorMetrics(new PrometheusRegistry()),
          (member, scheme) -> URI.create("http://" + sim.loopbackAddressOfHost(member.host())),
          proxy -> URI.create("http://" + sim.proxyAdminAddressOfIp(proxy.podIp()).orElseThrow()), Clock.systemUTC())
          .withFence(fence)
          .onLeadershipLost(() -> lost.set(true))
          .start(Duration.ofSeconds(30));
    }

    List<Instant> writesAfter(Instant at) {
      synchronized (writes) {
        return writes.stream().filter(w -> !w.isBefore(at)).toList();
      }
    }

    @Override
    public void close() {
      operator.close();
      client.close();
    }
  }
}
