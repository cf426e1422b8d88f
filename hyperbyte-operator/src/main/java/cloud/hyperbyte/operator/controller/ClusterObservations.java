package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.kube.InformerCaches;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.snapshot.LiveObjects;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.SnapshotCollector;
import cloud.hyperbyte.render.RenderedCluster;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Optional;

/** Builds the snapshot of one cluster from the informer caches plus one parallel probe of its members. */
final class ClusterObservations {

  private final InformerCaches caches;
  private final StorageClassLookup storageClasses;

  ClusterObservations(InformerCaches caches, StorageClassLookup storageClasses) {
    this.caches = caches;
    this.storageClasses = storageClasses;
  }

  ObservedCluster observe(ClusterSpec spec, HyperbytedbCluster cluster, long generation, RenderedCluster rendered,
      SnapshotCollector collector) throws InterruptedException {
    ResourceKey key = ResourceKey.cluster(spec.namespace(), spec.name());
    ClusterNames names = ClusterNames.of(spec);
    LiveObjects live = new LiveObjects(caches.owned(Pod.class).ownedBy(key),
        caches.owned(PersistentVolumeClaim.class).ownedBy(key),
        caches.owned(StatefulSet.class).get(spec.namespace(), names.statefulSet()),
        caches.owned(Deployment.class).get(spec.namespace(), names.proxyDeployment()));
    return live.observe(spec, cluster, StatusCopy.of(cluster.getStatus()), generation, rendered,
        storageClasses.observe(spec, live), collector.collect(spec, live.memberPods(spec)));
  }

  /** A Secret the operator writes (CA, member certificates, cert-manager's), from the cache. */
  Optional<Secret> operatorSecret(ClusterSpec spec, String name) {
    return caches.owned(Secret.class).get(spec.namespace(), name);
  }
}
