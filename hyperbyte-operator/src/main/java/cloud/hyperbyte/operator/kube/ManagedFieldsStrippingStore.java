package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An informer store that drops {@code metadata.managedFields} before keeping an object: the
 * operator never reads them, and on a real API server they are often the largest part of an object.
 * Member pods keep only what is read of them ({@link MemberPods}). A store for a kind of which the
 * operator reads even less can drop more ({@link #alsoDropping}).
 */
final class ManagedFieldsStrippingStore<T extends HasMetadata> implements ItemStore<T> {

  private final BasicItemStore<T> delegate = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
  private final Consumer<T> alsoDrop;

  ManagedFieldsStrippingStore() {
    this(object -> { });
  }

  private ManagedFieldsStrippingStore(Consumer<T> alsoDrop) {
    this.alsoDrop = alsoDrop;
  }

  /** A store that also applies {@code drop} to every object it keeps (which handlers then see). */
  static <T extends HasMetadata> ManagedFieldsStrippingStore<T> alsoDropping(Consumer<T> drop) {
    return new ManagedFieldsStrippingStore<>(drop);
  }

  /**
   * Every cached object of every cluster repeats the same namespace, label and annotation text
   * ({@code app.kubernetes.io/managed-by: hyperbytedb-operator} and so on): a heap dump at 1,000
   * clusters held 17,000 copies of that one value. Interned, each text is kept once.
   */
  private static void shareRepeatedText(ObjectMeta metadata) {
    if (metadata.getNamespace() != null) {
      metadata.setNamespace(metadata.getNamespace().intern());
    }
    metadata.setLabels(interned(metadata.getLabels()));
    metadata.setAnnotations(interned(metadata.getAnnotations()));
  }

  private static Map<String, String> interned(Map<String, String> text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Map<String, String> shared = new LinkedHashMap<>(text.size() * 2);
    text.forEach((key, value) -> shared.put(key.intern(), value == null ? null : value.intern()));
    return shared;
  }

  @Override
  public String getKey(T object) {
    return delegate.getKey(object);
  }

  @Override
  public T put(String key, T object) {
    if (object.getMetadata() != null) {
      object.getMetadata().setManagedFields(null);
      shareRepeatedText(object.getMetadata());
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
