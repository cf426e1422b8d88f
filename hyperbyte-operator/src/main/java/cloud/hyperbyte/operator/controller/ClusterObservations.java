package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.kube.InformerCaches;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.reconcile.snapshot.ObservedPvc;
import cloud.hyperbyte.reconcile.snapshot.SnapshotCollector;
import cloud.hyperbyte.render.RenderedCluster;
import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    List<Pod> owned = caches.owned(Pod.class).ownedBy(key);
    List<ObservedPod> pods = owned.stream()
        .filter(pod -> isMember(pod, names.statefulSet()))
        .map(pod -> ObservedPod.from(pod, names.statefulSet()))
        .sorted(Comparator.comparingInt(ObservedPod::ordinal))
        .toList();
    List<PersistentVolumeClaim> claims = caches.owned(PersistentVolumeClaim.class).ownedBy(key);
    List<ObservedPvc> pvcs = claims.stream()
        .flatMap(pvc -> ObservedPvc.from(pvc, ClusterNames.DATA_VOLUME, names.statefulSet()).stream())
        .sorted(Comparator.comparingInt(ObservedPvc::ordinal))
        .toList();
    List<ProxyEndpoint> proxies = spec.proxy()
        .map(proxy -> owned.stream()
            .filter(ClusterObservations::isRunningProxy)
            .map(pod -> new ProxyEndpoint(pod.getMetadata().getName(), pod.getStatus().getPodIP(), proxy.adminPort()))
            .sorted(Comparator.comparing(ProxyEndpoint::podName))
            .toList())
        .orElse(List.of());
    Optional<StatefulSet> statefulSet = caches.owned(StatefulSet.class).get(spec.namespace(), names.statefulSet());
    Optional<Deployment> proxyDeployment = caches.owned(Deployment.class).get(spec.namespace(), names.proxyDeployment());
    return ImmutableObservedCluster.builder()
        .spec(spec)
        .generation(generation)
        .resourceVersion(Optional.ofNullable(cluster.getMetadata().getResourceVersion()).orElse(""))
        .lastStatus(StatusCopy.of(cluster.getStatus()))
        .rendered(rendered)
        .statefulSet(statefulSet)
        .pods(pods)
        .pvcs(pvcs)
        .storage(storageClasses.observe(spec, claims, names.statefulSet()))
        .proxies(proxies)
        .proxyDeployment(proxyDeployment)
        .members(collector.collect(spec, pods))
        .podCertificateHashes(certificateHashes(owned, names.statefulSet()))
        .build();
  }

  /** A Secret the operator writes (CA, member certificates, cert-manager's), from the cache. */
  Optional<Secret> operatorSecret(ClusterSpec spec, String name) {
    return caches.owned(Secret.class).get(spec.namespace(), name);
  }

  /** The TLS material each member pod started with, from the annotation its template gave it. */
  private static Map<Integer, String> certificateHashes(List<Pod> owned, String statefulSetName) {
    Map<Integer, String> hashes = new java.util.HashMap<>();
    owned.stream().filter(pod -> isMember(pod, statefulSetName)).forEach(pod -> {
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      String hash = annotations == null ? null : annotations.get(Annotations.CERTIFICATE_HASH);
      if (hash != null) {
        hashes.put(ObservedPod.from(pod, statefulSetName).ordinal(), hash);
      }
    });
    return hashes;
  }

  private static boolean isMember(Pod pod, String statefulSetName) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String name = pod.getMetadata().getName();
    return labels != null && ClusterLabels.DATABASE_APP.equals(labels.get(ClusterLabels.NAME))
        && name.startsWith(statefulSetName + "-")
        && name.substring(statefulSetName.length() + 1).chars().allMatch(Character::isDigit)
        && name.length() > statefulSetName.length() + 1;
  }

  private static boolean isRunningProxy(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && ClusterLabels.PROXY_APP.equals(labels.get(ClusterLabels.NAME))
        && pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isEmpty();
  }
}
