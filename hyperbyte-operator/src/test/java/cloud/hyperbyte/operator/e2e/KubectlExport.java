package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code kubectl get hbc,sts,svc,cm,pdb,hpa,deploy,pvc,pods -n NS -o yaml} prints: one v1 List;
 * with {@code more}, what a listing with those objects too prints (e.g. {@code secret/NAME}).
 */
final class KubectlExport {

  private KubectlExport() {}

  static String yaml(KubernetesClient client, String namespace, HasMetadata... more) {
    List<HasMetadata> items = Stream.<List<? extends HasMetadata>>of(
            client.resources(HyperbytedbCluster.class).inNamespace(namespace).list().getItems(),
            client.apps().statefulSets().inNamespace(namespace).list().getItems(),
            client.services().inNamespace(namespace).list().getItems(),
            client.configMaps().inNamespace(namespace).list().getItems(),
            client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems(),
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems(),
            client.apps().deployments().inNamespace(namespace).list().getItems(),
            client.persistentVolumeClaims().inNamespace(namespace).list().getItems(),
            client.pods().inNamespace(namespace).list().getItems(),
            List.of(more))
        .flatMap(List::stream).map(HasMetadata.class::cast).toList();
    KubernetesList list = new KubernetesList();
    list.setItems(items);
    return Serialization.asYaml(list);
  }
}
