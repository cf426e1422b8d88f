package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.operator.queue.ResourceKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a pass looks again for a cluster whose cache does not show the operator's last status write
 * yet: after 250 ms, doubling with each consecutive look, up to 2 s. The watch normally delivers
 * that write within milliseconds; when the API server is slow it delivers it seconds late, and a
 * fixed 250 ms look per cluster multiplied passes by the fleet: with 1,000 clusters, 170 passes a
 * second that only found the cache stale, occupying every worker while real work queued behind them.
 */
final class OwnStatusRetry {

  static final Duration FIRST = Duration.ofMillis(250);
  static final Duration LONGEST = Duration.ofSeconds(2);

  private final Map<ResourceKey, Duration> next = new ConcurrentHashMap<>();

  /** The wait before the next look at {@code key}, which still does not show its last status write. */
  Duration stillStale(ResourceKey key) {
    Duration wait = next.getOrDefault(key, FIRST);
    next.put(key, wait.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : wait.multipliedBy(2));
    return wait;
  }

  /** The cache showed {@code key}'s last status write (or the cluster is gone): the next wait starts over. */
  void caughtUp(ResourceKey key) {
    next.remove(key);
  }
}
