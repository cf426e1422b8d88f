package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.model.kube.KubernetesJson;
import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.kube.OwnerKeys;
import cloud.hyperbyte.operator.queue.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A running cluster as {@code hyperbyte plan} sees it: the HyperbytedbCluster with its status, the
 * objects that belong to it (by owner reference, or by the instance label the operator puts on pods
 * and PVCs, as the operator's caches assign them), and the StorageClasses the input included.
 *
 * @param cluster the live custom resource
 * @param objects its objects
 * @param storageClasses {@code allowVolumeExpansion} by class name, for the classes the input held
 */
record LiveCluster(HyperbytedbCluster cluster, List<HasMetadata> objects, Map<String, Boolean> storageClasses) {

  private static final KubernetesSerialization SERIALIZATION = KubernetesJson.SERIALIZATION;

  /**
   * The cluster {@code namespace}/{@code name} from the documents of a {@code kubectl get -o yaml}
   * listing (Lists are already unpacked); empty when the listing does not hold it.
   */
  static Optional<LiveCluster> fromDocuments(List<ManifestDocument> documents, String namespace, String name) {
    HyperbytedbCluster cluster = null;
    List<HasMetadata> all = new ArrayList<>();
    Map<String, Boolean> classes = new TreeMap<>();
    for (ManifestDocument document : documents) {
      String json = SERIALIZATION.asJson(document.tree());
      if (HyperbytedbCluster.KIND.equals(document.kind())) {
        HyperbytedbCluster candidate = SERIALIZATION.unmarshal(json, HyperbytedbCluster.class);
        if (name.equals(candidate.getMetadata().getName()) && namespace.equals(namespaceOf(candidate))) {
          cluster = candidate;
        }
      } else if (!document.kind().isEmpty()) {
        Object object = SERIALIZATION.unmarshal(json);
        if (object instanceof StorageClass storageClass) {
          classes.put(storageClass.getMetadata().getName(), Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion()));
        } else if (object instanceof HasMetadata resource) {
          all.add(resource);
        }
      }
    }
    if (cluster == null) {
      return Optional.empty();
    }
    return Optional.of(new LiveCluster(cluster, belonging(all, namespace, name), classes));
  }

  /**
   * Reads the cluster and its objects through {@code client}, with {@code get} and {@code list} only:
   * the cluster, StatefulSets, Services, ConfigMaps, PodDisruptionBudgets, HorizontalPodAutoscalers,
   * Deployments, PVCs and pods of its namespace, and the StorageClasses its PVCs name.
   */
  static Optional<LiveCluster> fromApi(KubernetesClient client, String namespace, String name) {
    HyperbytedbCluster cluster = client.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(name).get();
    if (cluster == null) {
      return Optional.empty();
    }
    List<HasMetadata> all = Stream.<List<? extends HasMetadata>>of(
            client.apps().statefulSets().inNamespace(namespace).list().getItems(),
            client.services().inNamespace(namespace).list().getItems(),
            client.configMaps().inNamespace(namespace).list().getItems(),
            client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems(),
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems(),
            client.apps().deployments().inNamespace(namespace).list().getItems(),
            client.persistentVolumeClaims().inNamespace(namespace).list().getItems(),
            client.pods().inNamespace(namespace).list().getItems())
        .flatMap(List::stream).map(HasMetadata.class::cast).toList();
    List<HasMetadata> objects = belonging(all, namespace, name);
    Map<String, Boolean> classes = new TreeMap<>();
    objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.PersistentVolumeClaim)
        .map(o -> ((io.fabric8.kubernetes.api.model.PersistentVolumeClaim) o).getSpec().getStorageClassName())
        .filter(c -> c != null && !c.isEmpty()).distinct().forEach(c -> {
          StorageClass found = client.storage().v1().storageClasses().withName(c).get();
          if (found != null) {
            classes.put(c, Boolean.TRUE.equals(found.getAllowVolumeExpansion()));
          }
        });
    return Optional.of(new LiveCluster(cluster, objects, classes));
  }

  private static List<HasMetadata> belonging(List<HasMetadata> objects, String namespace, String name) {
    ResourceKey key = ResourceKey.cluster(namespace, name);
    return objects.stream().filter(o -> OwnerKeys.of(o).filter(key::equals).isPresent()).toList();
  }

  private static String namespaceOf(HasMetadata object) {
    return Optional.ofNullable(object.getMetadata().getNamespace()).orElse("default");
  }
}
