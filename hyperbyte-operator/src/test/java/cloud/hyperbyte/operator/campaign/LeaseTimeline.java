package cloud.hyperbyte.operator.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lease as it was stored over a run, record by record (holder, acquire and renew time, duration),
 * and who held it at an instant: the holder of a record with
 * {@code acquired ≤ t ≤ renewed + duration} (each bound widened by {@link #MARGIN}), unless a later
 * record names another holder acquired before t.
 */
final class LeaseTimeline {

  /** One stored state of the Lease. */
  record Entry(String holder, Instant acquired, Instant renewed, Duration duration) {}

  /**
   * Slack for the stored times: fabric8 reads its clock before sending a renewal, and the times are
   * stored with microsecond precision; 100 ms covers the reading order between threads.
   */
  static final Duration MARGIN = Duration.ofMillis(100);

  private final List<Entry> entries = new ArrayList<>();

  /** Adds a state read from the Lease; returns whether it differs from the last one. */
  synchronized boolean add(Entry entry) {
    if (!entries.isEmpty() && entries.get(entries.size() - 1).equals(entry)) {
      return false;
    }
    entries.add(entry);
    return true;
  }

  /** Whether {@code instance} held the Lease at {@code at}. */
  synchronized boolean held(String instance, Instant at) {
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      if (!entry.holder().equals(instance) || entry.acquired() == null || entry.renewed() == null
          || entry.acquired().isAfter(at.plus(MARGIN))
          || at.isAfter(entry.renewed().plus(entry.duration()).plus(MARGIN))) {
        continue;
      }
      if (!takenOverLater(i, instance, at)) {
        return true;
      }
    }
    return false;
  }

  private boolean takenOverLater(int index, String instance, Instant at) {
    for (Entry later : entries.subList(index + 1, entries.size())) {
      Instant since = later.acquired() != null ? later.acquired() : later.renewed();
      if (!later.holder().equals(instance) && since != null && since.isBefore(at.minus(MARGIN))) {
        return true;
      }
    }
    return false;
  }

  /** The last state renewed at or before {@code at}, for a violation's message. */
  synchronized String describe(Instant at) {
    Entry last = null;
    for (Entry entry : entries) {
      if (entry.renewed() != null && !entry.renewed().isAfter(at)) {
        last = entry;
      }
    }
    return last == null ? "nobody held it yet" : "holder " + last.holder() + " acquired " + last.acquired()
        + " renewed " + last.renewed() + " for " + last.duration().toSeconds() + "s";
  }
}
