package cloud.hyperbyte.operator.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Liveness of the watches: fails once an informer has not been watching for longer than a bound. A
 * watch that reconnects (a disconnect, a 410 Gone) is briefly not watching and must not get the pod
 * restarted; an informer that stopped for good (fabric8 gives up on some errors) never comes back,
 * and a process that no longer sees changes would never act on them, so the kubelet restarts it.
 */
public final class InformerLiveness {

  private final Supplier<Set<String>> notWatching;
  private final Duration bound;
  private final Clock clock;
  private final Map<String, Instant> notWatchingSince = new HashMap<>();

  /**
   * @param notWatching the informers not watching right now, by name
   * @param bound how long an informer may stay not watching
   */
  public InformerLiveness(Supplier<Set<String>> notWatching, Duration bound, Clock clock) {
    this.notWatching = Objects.requireNonNull(notWatching, "notWatching");
    this.bound = Objects.requireNonNull(bound, "bound");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether no informer has been not watching for longer than the bound; called on every probe. */
  public synchronized boolean alive() {
    Instant now = clock.instant();
    Set<String> down = notWatching.get();
    notWatchingSince.keySet().retainAll(down);
    down.forEach(name -> notWatchingSince.putIfAbsent(name, now));
    return notWatchingSince.values().stream().noneMatch(since -> since.plus(bound).isBefore(now));
  }
}
