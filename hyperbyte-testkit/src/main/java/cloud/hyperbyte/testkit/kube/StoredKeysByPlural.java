package cloud.hyperbyte.testkit.kube;

import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRUD store's keys grouped by plural, kept beside its map so a list reads the objects of its
 * resource instead of matching every stored object against the query: at a thousand three-member
 * clusters a list of one StatefulSet's pods, or of the StorageClasses a PVC admission looks up,
 * scanned some twenty thousand keys on the server's only event loop.
 */
final class StoredKeysByPlural {

  private final Map<String, Set<AttributeSet>> keys = new ConcurrentHashMap<>();

  void add(String plural, AttributeSet key) {
    if (plural != null) {
      keys.computeIfAbsent(plural, p -> ConcurrentHashMap.newKeySet()).add(key);
    }
  }

  void remove(String plural, AttributeSet key) {
    Set<AttributeSet> stored = plural == null ? null : keys.get(plural);
    if (stored != null) {
      stored.remove(key);
    }
  }

  /** The keys stored under {@code plural}, in no particular order. */
  List<AttributeSet> of(String plural) {
    return List.copyOf(keys.getOrDefault(plural, Set.of()));
  }

  void clear() {
    keys.clear();
  }
}
