package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.operator.queue.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The informer cache of one kind over the watched namespaces (one informer for all namespaces, or
 * one per namespace), indexed by the owning resource's key.
 */
public final class KindCache<T extends HasMetadata> {

  static final String OWNER_INDEX = "owner";

  private final String kind;
  private final List<SharedIndexInformer<T>> informers;

  KindCache(String kind, List<SharedIndexInformer<T>> informers) {
    this.kind = kind;
    this.informers = List.copyOf(informers);
  }

  /** The Kubernetes kind held. */
  public String kind() {
    return kind;
  }

  /** The object {@code namespace/name}, if cached. */
  public Optional<T> get(String namespace, String name) {
    String key = namespace + "/" + name;
    for (SharedIndexInformer<T> informer : informers) {
      T item = informer.getStore().getByKey(key);
      if (item != null) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }

  /** Every cached object that belongs to {@code owner} (see {@link OwnerKeys}). */
  public List<T> ownedBy(ResourceKey owner) {
    List<T> items = new ArrayList<>();
    for (SharedIndexInformer<T> informer : informers) {
      items.addAll(informer.getIndexer().byIndex(OWNER_INDEX, indexValue(owner)));
    }
    return items;
  }

  /** Every cached object. */
  public List<T> list() {
    List<T> items = new ArrayList<>();
    for (SharedIndexInformer<T> informer : informers) {
      items.addAll(informer.getStore().list());
    }
    return items;
  }

  /** Whether every informer has completed its initial list. */
  public boolean hasSynced() {
    return informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  Collection<SharedIndexInformer<T>> informers() {
    return informers;
  }

  static String indexValue(ResourceKey key) {
    return key.kind().name() + "/" + key.namespace() + "/" + key.name();
  }
}
