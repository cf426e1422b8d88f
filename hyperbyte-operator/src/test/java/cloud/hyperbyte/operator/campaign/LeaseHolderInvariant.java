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
 * {@code acquireTime ≤ t ≤ renewTime + leaseDuration + MARGIN} and no other holder was recorded in
 * between. Each act is judged once the timeline is known past it; the Lease is read every 50 ms
 * (a poll, not a watch, so the campaign's watch faults cannot hide renewals from the checker).
 */
final class LeaseHolderInvariant implements AutoCloseable {

  static final String NAME = "only-the-lease-holder-acts";
  /**
   * Slack for the stored times: fabric8 reads its clock before sending a renewal, and the times are
   * stored with microsecond precision; 100 ms covers the reading order between threads.
   */
  static final Duration MARGIN = Duration.ofMillis(100);

  private record LeaseRecord(String holder, Instant acquired, Instant renewed, Duration duration) {}

  private final KubernetesClient observer;
  private final Trace trace;
  private final List<LeaseRecord> records = new ArrayList<>();
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
      synchronized (records) {
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
        LeaseRecord seen = new LeaseRecord(Objects.toString(lease.getSpec().getHolderIdentity(), ""),
            instant(lease.getSpec().getAcquireTime()), instant(lease.getSpec().getRenewTime()),
            Duration.ofSeconds(Objects.requireNonNullElse(lease.getSpec().getLeaseDurationSeconds(), 0)));
        synchronized (records) {
          if (records.isEmpty() || !records.get(records.size() - 1).equals(seen)) {
            if (records.isEmpty() || !records.get(records.size() - 1).holder().equals(seen.holder())) {
              trace.log("lease holder " + (seen.holder().isEmpty() ? "(none)" : seen.holder()));
            }
            records.add(seen);
          }
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
    List<LeaseRecord> known;
    synchronized (records) {
      pending.removeIf(act -> {
        if (!act.sentAt().isAfter(upTo)) {
          due.add(act);
          return true;
        }
        return false;
      });
      known = List.copyOf(records);
    }
    for (OperatorActivity.Act act : due) {
      trace.checked(NAME);
      if (!held(known, act.instance(), act.sentAt())) {
        trace.violated(NAME, act + " sent at " + act.sentAt() + " while the Lease says " + describe(known, act.sentAt()));
      }
    }
  }

  private static boolean held(List<LeaseRecord> known, String instance, Instant at) {
    for (int i = 0; i < known.size(); i++) {
      LeaseRecord record = known.get(i);
      if (!record.holder().equals(instance) || record.acquired() == null || record.renewed() == null
          || record.acquired().isAfter(at.plus(MARGIN))
          || at.isAfter(record.renewed().plus(record.duration()).plus(MARGIN))) {
        continue;
      }
      boolean takenOver = false;
      for (int j = i + 1; j < known.size() && !takenOver; j++) {
        LeaseRecord later = known.get(j);
        Instant since = later.acquired() != null ? later.acquired() : later.renewed();
        takenOver = !later.holder().equals(instance) && since != null && since.isBefore(at.minus(MARGIN));
      }
      if (!takenOver) {
        return true;
      }
    }
    return false;
  }

  private static String describe(List<LeaseRecord> known, Instant at) {
    LeaseRecord last = null;
    for (LeaseRecord record : known) {
      if (record.renewed() != null && !record.renewed().isAfter(at)) {
        last = record;
      }
    }
    return last == null ? "nobody held it yet" : "holder " + last.holder() + " acquired " + last.acquired()
        + " renewed " + last.renewed() + " for " + last.duration().toSeconds() + "s";
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
