package cloud.hyperbyte.render.metadata;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata every rendered object carries: its name, the cluster's namespace, labels, and (when the
 * custom resource's UID is known) a controller owner reference so that deleting the
 * HyperbytedbCluster garbage-collects everything rendered for it.
 */
public final class ObjectMetadata {

  public static final String OWNER_API_VERSION = "hyperbytedb.hyperbyte.cloud/v1alpha1";
  public static final String OWNER_KIND = "HyperbytedbCluster";

  private ObjectMetadata() {}

  /** Metadata of a database object: common labels. */
  public static ObjectMeta database(ClusterSpec spec, String name) {
    return of(spec, name, ClusterLabels.common(spec));
  }

  /** Metadata of a proxy object: proxy labels. */
  public static ObjectMeta proxy(ClusterSpec spec, String name) {
    return of(spec, name, ClusterLabels.proxy(spec));
  }

  /** Metadata with the given labels (copied, order kept). */
  public static ObjectMeta of(ClusterSpec spec, String name, Map<String, String> labels) {
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder().withName(name).withNamespace(spec.namespace()).withLabels(new LinkedHashMap<>(labels));
    spec.uid().ifPresent(uid -> meta.withOwnerReferences(List.of(owner(spec, uid))));
    return meta.build();
  }

  /** The controller reference to the cluster custom resource. */
  public static OwnerReference owner(ClusterSpec spec, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(OWNER_API_VERSION)
        .withKind(OWNER_KIND)
        .withName(spec.name())
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
