package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Own writes first" (product §3.7a): remembers, per custom resource, the resourceVersion each of
 * the operator's writes returned and the UID of each object it deleted, until the informer cache
 * shows them. A disruptive action is only safe once {@link #pending} is empty: otherwise the
 * decision would be made on a cache that predates the operator's own last change, and could repeat
 * a disruption.
 *
 * <p>resourceVersions are compared as numbers when both parse as numbers (every API server we know
 * uses the etcd revision), otherwise for equality. An expectation the cache has not met after
 * {@link #DEFAULT_TTL} is dropped with a warning (as client-go's expectations expire), so an object
 * the cache can never show cannot hold a cluster back forever.
 */
public final class OwnWrites {

  /** How long the cache may lag behind a write before the operator stops waiting for it. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(OwnWrites.class);

  private final Map<ResourceKey, Map<ObjectRef, Expectation>> expectations = new HashMap<>();
  private final Clock clock;
  private final Duration ttl;

  private sealed interface Expectation {
    Instant at();
  }

  private record Written(String resourceVersion, Instant at) implements Expectation {}

  private record Deleted(String uid, Instant at) implements Expectation {}

  public OwnWrites(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** System clock, {@link #DEFAULT_TTL}. */
  public OwnWrites() {
    this(Clock.systemUTC(), DEFAULT_TTL);
  }

  /** The operator wrote {@code ref} (on behalf of {@code owner}) and the server answered {@code resourceVersion}. */
  public synchronized void written(ResourceKey owner, ObjectRef ref, String resourceVersion) {
    if (resourceVersion != null) {
      expectations.computeIfAbsent(owner, k -> new LinkedHashMap<>()).put(ref, new Written(resourceVersion, clock.instant()));
    }
  }

  /** The operator deleted the object {@code ref} with this UID. */
  public synchronized void deleted(ResourceKey owner, ObjectRef ref, String uid) {
    expectations.computeIfAbsent(owner, k -> new LinkedHashMap<>()).put(ref, new Deleted(uid, clock.instant()));
  }

  /**
   * The writes of {@code owner} the cache does not show yet; those it shows are forgotten.
   *
   * @param live the cached object for a reference, if any
   */
  public synchronized List<ObjectRef> pending(ResourceKey owner, Function<ObjectRef, Optional<? extends HasMetadata>> live) {
    Map<ObjectRef, Expectation> forOwner = expectations.get(owner);
    if (forOwner == null) {
      return List.of();
    }
    List<ObjectRef> pending = new ArrayList<>();
    Instant expired = clock.instant().minus(ttl);
    forOwner.entrySet().removeIf(entry -> {
      if (seen(entry.getValue(), live.apply(entry.getKey()))) {
        return true;
      }
      if (entry.getValue().at().isBefore(expired)) {
        LOG.warn("the cache has not shown the operator's write of {} for {}; no longer waiting for it", entry.getKey(), ttl);
        return true;
      }
      pending.add(entry.getKey());
      return false;
    });
    if (forOwner.isEmpty()) {
      expectations.remove(owner);
    }
    return pending;
  }

  /** Forgets everything about {@code owner} (its custom resource is gone). */
  public synchronized void forget(ResourceKey owner) {
    expectations.remove(owner);
  }

  private static boolean seen(Expectation expectation, Optional<? extends HasMetadata> cached) {
    if (expectation instanceof Deleted deleted) {
      return cached.isEmpty() || !deleted.uid().equals(cached.get().getMetadata().getUid());
    }
    Written written = (Written) expectation;
    return cached.isPresent() && atLeast(cached.get().getMetadata().getResourceVersion(), written.resourceVersion());
  }

  static boolean atLeast(String cached, String expected) {
    if (cached == null) {
      return false;
    }
    try {
      return Long.parseLong(cached) >= Long.parseLong(expected);
    } catch (NumberFormatException opaque) {
      return cached.equals(expected);
    }
  }
}
