package cloud.hyperbyte.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The desired objects of one cluster, in apply order (see {@link ClusterRenderer}), and the config
 * hash that is on the pod template.
 */
public final class RenderedCluster {

  private final List<HasMetadata> objects;
  private final String configHash;

  RenderedCluster(List<HasMetadata> objects, String configHash) {
    this.objects = List.copyOf(objects);
    this.configHash = configHash;
  }

  /** Every object, in apply order. */
  public List<HasMetadata> objects() {
    return objects;
  }

  /** Hash of the rendered config.toml, as on the StatefulSet's pod template. */
  public String configHash() {
    return configHash;
  }

  /** The object of this kind and name, if rendered. */
  public Optional<HasMetadata> find(String kind, String name) {
    return objects.stream()
        .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
        .findFirst();
  }

  /** The object of this type and name, if rendered. */
  public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst();
  }

  /** The object of this type and name; fails when it was not rendered. */
  public <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " " + name + " rendered"));
  }

  /** Every object of this kind, in apply order. */
  public List<HasMetadata> ofKind(String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
  }
}
