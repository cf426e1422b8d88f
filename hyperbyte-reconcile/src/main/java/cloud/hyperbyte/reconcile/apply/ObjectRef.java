package cloud.hyperbyte.reconcile.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Which object a planned request is about: enough for a log line and for a writer to address it
 * (generic kinds such as ServiceMonitor need the apiVersion). The namespace is empty for
 * cluster-scoped objects.
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** The reference of an object with kind, apiVersion and name set. */
  public static ObjectRef of(HasMetadata object) {
    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
      throw new IllegalArgumentException("object has no name: " + object.getKind());
    }
    String namespace = object.getMetadata().getNamespace();
    return new ObjectRef(
        object.getApiVersion(), object.getKind(), namespace == null ? "" : namespace, object.getMetadata().getName());
  }

  /** Group and kind, without version. */
  public GroupKind groupKind() {
    return GroupKind.of(apiVersion, kind);
  }

  /** What identifies the object regardless of the API version it was read or written in. */
  Identity identity() {
    return new Identity(groupKind(), namespace, name);
  }

  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }

  /** Group, kind, namespace and name. */
  record Identity(GroupKind groupKind, String namespace, String name) {}
}
