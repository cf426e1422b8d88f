package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.reconcile.snapshot.LiveObjects;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The world one projected pass looks at: the HyperbytedbCluster (with the status the previous pass
 * wrote), every object of the cluster as the API server would hold it, and what each member's
 * database would answer.
 *
 * @param cluster the custom resource; its status is the lifecycle's memory
 * @param objects the cluster's objects: what the operator applies, and its pods and PVCs
 * @param members database facts by ordinal
 */
public record ProjectedCluster(HyperbytedbCluster cluster, List<HasMetadata> objects, Map<Integer, MemberFacts> members) {

  public ProjectedCluster {
    Objects.requireNonNull(cluster, "cluster");
    objects = List.copyOf(objects);
    members = Map.copyOf(members);
  }

  /** The objects in the form a snapshot reads them. */
  public LiveObjects live(ClusterSpec spec) {
    ClusterNames names = ClusterNames.of(spec);
    return new LiveObjects(
        objects.stream().filter(Pod.class::isInstance).map(Pod.class::cast).toList(),
        objects.stream().filter(PersistentVolumeClaim.class::isInstance).map(PersistentVolumeClaim.class::cast).toList(),
        named(StatefulSet.class, names.statefulSet()),
        named(Deployment.class, names.proxyDeployment()));
  }

  /** The object of {@code type} called {@code name}, if there is one. */
  public <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
    return objects.stream().filter(type::isInstance).map(type::cast)
        .filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }
}
