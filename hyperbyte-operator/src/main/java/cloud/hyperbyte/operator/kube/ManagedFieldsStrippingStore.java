package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An informer store that drops {@code metadata.managedFields} before keeping an object: the
 * operator never reads them, and on a real API server they are often the largest part of an object.
 * Member pods keep only what is read of them ({@link MemberPods}). A store for a kind of which the
 * operator reads even less can drop more ({@link #alsoDropping}). What is left is kept by a delegate:
 * the objects themselves, or their JSON ({@link SerializedItemStore}).
 */
final class ManagedFieldsStrippingStore<T extends HasMetadata> implements ItemStore<T> {

  private final ItemStore<T> delegate;
  private final Consumer<T> alsoDrop;

  /** Keeps the objects themselves. */
  ManagedFieldsStrippingStore() {
    this(new BasicItemStore<>(Cache::metaNamespaceKeyFunc), object -> { });
  }

  /** Keeps what is left of each object in {@code delegate}. */
  ManagedFieldsStrippingStore(ItemStore<T> delegate) {
    this(delegate, object -> { });
  }

  private ManagedFieldsStrippingStore(ItemStore<T> delegate, Consumer<T> alsoDrop) {
    this.delegate = delegate;
    this.alsoDrop = alsoDrop;
  }

  /** A store that also applies {@code drop} to every object it keeps in {@code delegate} (handlers see it too). */
  static <T extends HasMetadata> ManagedFieldsStrippingStore<T> alsoDropping(ItemStore<T> delegate, Consumer<T> drop) {
    return new ManagedFieldsStrippingStore<>(delegate, drop);
  }

  @Override
  public String getKey(T object) {
    return delegate.getKey(object);
  }

  @Override
  public T put(String key, T object) {
    if (object.getMetadata() != null) {
      object.getMetadata().setManagedFields(null);
    }
    if (object instanceof Pod pod) {
      MemberPods.slim(pod);
    }
    alsoDrop.accept(object);
    return delegate.put(key, object);
  }

  @Override
  public T remove(String key) {
    return delegate.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return delegate.keySet();
  }

  @Override
  public Stream<T> values() {
    return delegate.values();
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public T get(String key) {
    return delegate.get(key);
  }
}
