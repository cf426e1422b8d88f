package cloud.hyperbyte.operator.campaign;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * "No write and no member call by an instance that does not hold the Lease", judged on the Lease's
 * own timeline: the holder, acquire and renew times stored in it (the instances' wall clock, the one
 * clock of this JVM). An instance holds the Lease at instant t when a stored record names it with
 * {@code acquireTime ≤ t ≤ renewTime + leaseDuration} (see {@link LeaseTimeline}) and no other
 * holder was recorded in between. Every stored version of the Lease reaches the timeline through a
 * watch of the observer's client, which the campaign's watch faults never touch (they spare the
 * testkit's own clients); the watch is opened after a read of the Lease, and opened again (after
 * another read) should it close. Each act is judged once the timeline is known
 * {@link OperatorInstance#LEASE_DURATION} past it, every {@link #JUDGE_EVERY}.
 */
final class LeaseHolderInvariant implements AutoCloseable {

  static final String NAME = "only-the-lease-holder-acts";
  /** How often pending acts are judged (no API call: the watch keeps the timeline current). */
  static final Duration JUDGE_EVERY = Duration.ofMillis(250);

  private final KubernetesClient observer;
  private final Trace trace;
  private final LeaseTimeline timeline = new LeaseTimeline();
  private String lastHolder;
  private final List<OperatorActivity.Act> pending = new ArrayList<>();
  private final ScheduledExecutorService judge = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "campaign-lease-judge");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Watch watch;
  private volatile boolean closed;

  LeaseHolderInvariant(KubernetesClient observer, OperatorActivity activity, Trace trace) {
    this.observer = observer;
    this.trace = trace;
    activity.onAct(act -> {
      synchronized (pending) {
        pending.add(act);
      }
    });
    watchFromNow();
    judge.scheduleWithFixedDelay(() -> judgeUpTo(Instant.now().minus(OperatorInstance.LEASE_DURATION)),
        JUDGE_EVERY.toMillis(), JUDGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the Lease, then watches it from that version on. */
  private synchronized void watchFromNow() {
    if (closed) {
      return;
    }
    Watcher<Lease> watcher = new Watcher<>() {
      @Override
      public void eventReceived(Action action, Lease lease) {
        record(lease);
      }

      @Override
      public void onClose(WatcherException cause) {
        // not a campaign fault (they spare this client): read what may have been missed, watch again
        watchFromNow();
      }
    };
    String version = read();
    watch = version == null ? lease().watch(watcher) : lease().withResourceVersion(version).watch(watcher);
  }

  private io.fabric8.kubernetes.client.dsl.Resource<Lease> lease() {
    return observer.leases().inNamespace(OperatorInstance.LEASE_NAMESPACE).withName(OperatorInstance.LEASE_NAME);
  }

  /** Reads the Lease into the timeline; returns the version to watch from, null when there is no Lease yet. */
  private String read() {
    Lease lease = lease().get();
    if (lease == null) {
      return null;
    }
    record(lease);
    return lease.getMetadata().getResourceVersion();
  }

  private void record(Lease lease) {
    if (lease == null || lease.getSpec() == null) {
      return;
    }
    synchronized (timeline) {
      recordLocked(lease);
    }
  }

  private void recordLocked(Lease lease) {
    String holder = Objects.toString(lease.getSpec().getHolderIdentity(), "");
    timeline.add(new LeaseTimeline.Entry(holder, instant(lease.getSpec().getAcquireTime()),
        instant(lease.getSpec().getRenewTime()),
        Duration.ofSeconds(Objects.requireNonNullElse(lease.getSpec().getLeaseDurationSeconds(), 0))));
    if (!holder.equals(lastHolder)) {
      trace.log("lease holder " + (holder.isEmpty() ? "(none)" : holder));
      lastHolder = holder;
    }
  }

  /** Judges every act sent up to {@code upTo}. */
  private void judgeUpTo(Instant upTo) {
    List<OperatorActivity.Act> due = new ArrayList<>();
    synchronized (pending) {
      pending.removeIf(act -> !act.sentAt().isAfter(upTo) && due.add(act));
    }
    for (OperatorActivity.Act act : due) {
      trace.checked(NAME);
      if (!timeline.held(act.instance(), act.sentAt())) {
        trace.violated(NAME, act + " sent at " + act.sentAt() + " while the Lease says " + timeline.describe(act.sentAt()));
      }
    }
  }

  private static Instant instant(ZonedDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /** Judges the acts still pending against the timeline as it stands (call after the operators stopped). */
  void judgeRemaining() {
    Instant before = Instant.now();
    read(); // every renewal stored before this read began is now known, whatever the watch delivered yet
    judgeUpTo(before);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    judge.shutdownNow();
    Watch open = watch;
    if (open != null) {
      open.close();
    }
  }
}
