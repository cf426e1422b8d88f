package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import cloud.hyperbyte.render.RenderedCluster;
import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Kubernetes objects one cluster owns, as read from the API (the operator's informer caches, or a
 * {@code kubectl get -o yaml} listing for {@code hyperbyte plan}), and how a snapshot is built from
 * them. Pure: the operator and the plan build their {@link ObservedCluster} here, so both read the
 * same objects the same way.
 *
 * @param owned pods of the cluster: member pods and proxy pods (others are ignored)
 * @param claims PVCs of the cluster
 * @param statefulSet the database StatefulSet, if it exists
 * @param proxyDeployment the proxy Deployment, if it exists
 */
public record LiveObjects(List<Pod> owned, List<PersistentVolumeClaim> claims, Optional<StatefulSet> statefulSet,
    Optional<Deployment> proxyDeployment) {

  public LiveObjects {
    owned = List.copyOf(owned);
    claims = List.copyOf(claims);
  }

  /** The member pods of {@code spec}'s StatefulSet, by ordinal. */
  public List<ObservedPod> memberPods(ClusterSpec spec) {
    return memberPods(ClusterNames.of(spec).statefulSet());
  }

  /** The member pods of the StatefulSet {@code statefulSetName}, by ordinal (also when the spec does not validate). */
  public List<ObservedPod> memberPods(String statefulSetName) {
    return owned.stream()
        .filter(pod -> isMember(pod, statefulSetName))
        .map(pod -> ObservedPod.from(pod, statefulSetName))
        .sorted(Comparator.comparingInt(ObservedPod::ordinal))
        .toList();
  }

  /**
   * The data volumes and, for each StorageClass of a volume that asks for less than the spec's size,
   * whether it allows expansion ({@code expansion}: empty when the class is missing or unreadable).
   * Classes are asked for only then, as the operator reads them by name only when a growth is pending.
   */
  public ObservedStorage storage(ClusterSpec spec, Function<String, Optional<Boolean>> expansion) {
    String statefulSetName = ClusterNames.of(spec).statefulSet();
    List<ObservedVolume> volumes = claims.stream()
        .flatMap(pvc -> ObservedPvc.from(pvc, ClusterNames.DATA_VOLUME, statefulSetName).stream()
            .map(observed -> ObservedVolume.from(pvc, observed.ordinal())))
        .sorted(Comparator.comparingInt(ObservedVolume::ordinal))
        .toList();
    Quantity desired = new Quantity(spec.storage().size());
    Map<String, Optional<Boolean>> classes = new LinkedHashMap<>();
    volumes.stream().filter(v -> v.requestsLessThan(desired)).flatMap(v -> v.storageClassName().stream())
        .distinct().forEach(name -> classes.put(name, expansion.apply(name)));
    return new ObservedStorage(volumes, classes);
  }

  /**
   * The snapshot of {@code cluster} from these objects, the storage facts and the members' database
   * facts (probed by the operator, or read back from status by the plan).
   *
   * @param lastStatus a private copy of the cluster's status, which the snapshot keeps
   */
  public ObservedCluster observe(ClusterSpec spec, HyperbytedbCluster cluster, HyperbytedbClusterStatus lastStatus,
      long generation, RenderedCluster rendered, ObservedStorage storage, Map<Integer, MemberFacts> members) {
    String statefulSetName = ClusterNames.of(spec).statefulSet();
    List<ObservedPvc> pvcs = claims.stream()
        .flatMap(pvc -> ObservedPvc.from(pvc, ClusterNames.DATA_VOLUME, statefulSetName).stream())
        .sorted(Comparator.comparingInt(ObservedPvc::ordinal))
        .toList();
    List<ProxyEndpoint> proxies = spec.proxy()
        .map(proxy -> owned.stream()
            .filter(LiveObjects::isRunningProxy)
            .map(pod -> new ProxyEndpoint(pod.getMetadata().getName(), pod.getStatus().getPodIP(), proxy.adminPort()))
            .sorted(Comparator.comparing(ProxyEndpoint::podName))
            .toList())
        .orElse(List.of());
    return ImmutableObservedCluster.builder()
        .spec(spec)
        .generation(generation)
        .resourceVersion(Optional.ofNullable(cluster.getMetadata().getResourceVersion()).orElse(""))
        .lastStatus(lastStatus)
        .rendered(rendered)
        .statefulSet(statefulSet)
        .pods(memberPods(spec))
        .pvcs(pvcs)
        .storage(storage)
        .proxies(proxies)
        .proxyDeployment(proxyDeployment)
        .members(members)
        .podCertificateHashes(certificateHashes(statefulSetName))
        .build();
  }

  /** The TLS material each member pod started with, from the annotation its template gave it. */
  private Map<Integer, String> certificateHashes(String statefulSetName) {
    Map<Integer, String> hashes = new TreeMap<>();
    owned.stream().filter(pod -> isMember(pod, statefulSetName)).forEach(pod -> {
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      String hash = annotations == null ? null : annotations.get(Annotations.CERTIFICATE_HASH);
      if (hash != null) {
        hashes.put(ObservedPod.from(pod, statefulSetName).ordinal(), hash);
      }
    });
    return hashes;
  }

  /** A database pod of the StatefulSet: the database app label and a name {@code <statefulSet>-<ordinal>}. */
  public static boolean isMember(Pod pod, String statefulSetName) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String name = pod.getMetadata().getName();
    return labels != null && ClusterLabels.DATABASE_APP.equals(labels.get(ClusterLabels.NAME))
        && name.startsWith(statefulSetName + "-")
        && name.length() > statefulSetName.length() + 1
        && name.substring(statefulSetName.length() + 1).chars().allMatch(Character::isDigit);
  }

  private static boolean isRunningProxy(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && ClusterLabels.PROXY_APP.equals(labels.get(ClusterLabels.NAME))
        && pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isEmpty();
  }
}
