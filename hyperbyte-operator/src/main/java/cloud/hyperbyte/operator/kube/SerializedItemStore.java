package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer store that keeps each object as its JSON text, deflated ({@link DeflatedText}), and
 * parses it again when it is read.
 * As Java objects the cached owned kinds took three to four times their JSON size (a fabric8 model
 * object per nested field, each with its own map of additional properties, and a String object per
 * value): 50 KiB per three-member cluster, which at 1,000 clusters was half of the operator's heap.
 * A reconcile reads a dozen of its own cluster's objects per pass, so parsing them again costs
 * little, and every read returns a copy the caller may change without changing the cache.
 */
final class SerializedItemStore<T extends HasMetadata> implements ItemStore<T> {

  private final Map<String, byte[]> items = new ConcurrentHashMap<>();
  private final Class<T> type;
  private final KubernetesSerialization serialization;

  SerializedItemStore(Class<T> type, KubernetesSerialization serialization) {
    this.type = Objects.requireNonNull(type, "type");
    this.serialization = Objects.requireNonNull(serialization, "serialization");
  }

  @Override
  public String getKey(T object) {
    return Cache.metaNamespaceKeyFunc(object);
  }

  @Override
  public T put(String key, T object) {
    return parse(items.put(key, DeflatedText.deflate(serialization.asJson(object).getBytes(StandardCharsets.UTF_8))));
  }

  @Override
  public T remove(String key) {
    return parse(items.remove(key));
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return items.values().stream().map(this::parse);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public T get(String key) {
    return parse(items.get(key));
  }

  private T parse(byte[] deflatedJson) {
    return deflatedJson == null ? null
        : serialization.unmarshal(new ByteArrayInputStream(DeflatedText.inflate(deflatedJson)), type);
  }
}
