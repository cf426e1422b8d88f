package cloud.hyperbyte.operator.campaign;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
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
 * holder was recorded in between. Each act is judged once the timeline is known past it; the Lease is read every 50 ms
 * (a poll, not a watch, so the campaign's watch faults cannot hide renewals from the checker).
 */
final class LeaseHolderInvariant implements AutoCloseable {

  static final String NAME = "only-the-lease-holder-acts";

  private final KubernetesClient observer;
  private final Trace trace;
  private final LeaseTimeline timeline = new LeaseTimeline();
  private String lastHolder;
  private final List<OperatorActivity.Act> pending = new ArrayList<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "campaign-lease-poll");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Instant polledUpTo = Instant.MIN;

  LeaseHolderInvariant(KubernetesClient observer, OperatorActivity activity, Trace trace) {
    this.observer = observer;
    this.trace = trace;
    activity.onAct(act -> {
      synchronized (pending) {
        pending.add(act);
      }
    });
    poller.scheduleWithFixedDelay(this::poll, 0, 50, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    Instant before = Instant.now();
    try {
      Lease lease = observer.leases().inNamespace(OperatorInstance.LEASE_NAMESPACE)
          .withName(OperatorInstance.LEASE_NAME).get();
      if (lease != null && lease.getSpec() != null) {
        String holder = Objects.toString(lease.getSpec().getHolderIdentity(), "");
        timeline.add(new LeaseTimeline.Entry(holder, instant(lease.getSpec().getAcquireTime()),
            instant(lease.getSpec().getRenewTime()),
            Duration.ofSeconds(Objects.requireNonNullElse(lease.getSpec().getLeaseDurationSeconds(), 0))));
        if (!holder.equals(lastHolder)) {
          trace.log("lease holder " + (holder.isEmpty() ? "(none)" : holder));
          lastHolder = holder;
        }
      }
      // every renewal stored before this poll began is now known
      polledUpTo = before;
      judgeUpTo(before.minus(OperatorInstance.LEASE_DURATION));
    } catch (RuntimeException e) {
      // the observer is never faulted; a failed read is tried again at the next poll
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
    poll();
    judgeUpTo(polledUpTo);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
