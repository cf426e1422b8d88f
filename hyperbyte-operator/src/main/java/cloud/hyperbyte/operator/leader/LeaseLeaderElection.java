package cloud.hyperbyte.operator.leader;

import cloud.hyperbyte.operator.threads.DaemonThreads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Lease with fabric8's {@link LeaderElector}. After losing the Lease (a missed
 * renewal) the process stays up as a standby and competes again; a fabric8 elector runs once, so
 * each round builds a new one. {@link #close()} releases a held Lease (release on cancel), so a
 * standby takes over at its next retry instead of after the lease duration.
 *
 * <p>Each renewal the API server stored opens the {@link LeadershipFence} until {@link
 * LeaseSettings#fenceValidity()} after its renew time; losing the Lease closes it at once.
 *
 * <p>For a clean handover, stop reconciling before closing: the Lease is released only once the
 * listener's work is done.
 */
public final class LeaseLeaderElection implements LeaderElection {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseLeaderElection.class);

  private final KubernetesClient client;
  private final LeaseSettings settings;
  private final LeadershipListener listener;
  private final LeadershipFence fence;
  private final ExecutorService executor;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final Object lock = new Object();
  private CompletableFuture<?> round;
  private boolean closed;

  /** @param fence opened by each stored renewal, closed when leadership ends */
  public LeaseLeaderElection(KubernetesClient client, LeaseSettings settings, LeadershipListener listener,
      LeadershipFence fence) {
    this.client = client;
    this.settings = settings;
    this.listener = listener;
    this.fence = fence;
    this.executor = Executors.newCachedThreadPool(DaemonThreads.named("leader-election"));
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("leader election is closed");
      }
      if (round == null) {
        startRound();
      }
    }
  }

  @Override
  public boolean isLeader() {
    return leading.get();
  }

  @Override
  public void close() {
    CompletableFuture<?> current;
    synchronized (lock) {
      closed = true;
      current = round;
    }
    if (current != null) {
      // fabric8 releases the Lease when a leading round is cancelled (releaseOnCancel), then calls onStopLeading
      current.cancel(true);
      try {
        current.handle((v, t) -> null).get(settings.renewDeadline().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.debug("leader election round did not end cleanly", e);
      }
    }
    executor.shutdownNow();
  }

  private void startRound() {
    LeaderElector elector = client.leaderElector()
        .withConfig(new LeaderElectionConfigBuilder()
            .withName(settings.leaseName())
            .withLock(new RenewalRecordingLock(
                new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()), fence,
                settings.fenceValidity()))
            .withLeaseDuration(settings.leaseDuration())
            .withRenewDeadline(settings.renewDeadline())
            .withRetryPeriod(settings.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
            .build())
        .build();
    LOG.info("competing for Lease {}/{} as {}", settings.namespace(), settings.leaseName(), settings.identity());
    round = elector.start();
    round.whenComplete((v, t) -> roundEnded());
  }

  private void roundEnded() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      LOG.info("leader election round for Lease {}/{} ended; competing again", settings.namespace(), settings.leaseName());
      CompletableFuture.delayedExecutor(settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS, executor)
          .execute(() -> {
            synchronized (lock) {
              if (!closed) {
                startRound();
              }
            }
          });
    }
  }

  private void startedLeading() {
    if (leading.compareAndSet(false, true)) {
      LOG.info("became leader (Lease {}/{})", settings.namespace(), settings.leaseName());
      listener.onStartedLeading();
    }
  }

  private void stoppedLeading() {
    fence.close();
    if (leading.compareAndSet(true, false)) {
      LOG.info("stopped leading (Lease {}/{})", settings.namespace(), settings.leaseName());
      listener.onStoppedLeading();
    }
  }

  private void newLeader(String identity) {
    LOG.info("leader is now {}", identity);
  }
}
