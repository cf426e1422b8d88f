package cloud.hyperbyte.operator.queue;

import java.util.Objects;

/**
 * What the work queue holds: one custom resource by kind, namespace and name. The kind is part of
 * the key because a cluster and a backup may share a name.
 */
public record ResourceKey(ResourceKind kind, String namespace, String name) {

  public ResourceKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  public static ResourceKey cluster(String namespace, String name) {
    return new ResourceKey(ResourceKind.CLUSTER, namespace, name);
  }

  public static ResourceKey backup(String namespace, String name) {
    return new ResourceKey(ResourceKind.BACKUP, namespace, name);
  }

  public static ResourceKey restore(String namespace, String name) {
    return new ResourceKey(ResourceKind.RESTORE, namespace, name);
  }

  @Override
  public String toString() {
    return kind.kind() + " " + namespace + "/" + name;
  }
}
