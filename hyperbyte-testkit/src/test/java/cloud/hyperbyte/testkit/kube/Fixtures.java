package cloud.hyperbyte.testkit.kube;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;

/** Small objects for the kube tests. */
final class Fixtures {

  static final String NS = "test";

  private Fixtures() {}

  static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata().withData(data).build();
  }

  /** A minimal namespaced CRD {@code <plural>.example.com} with kind {@code kind}, without status. */
  static CustomResourceDefinition crd(String plural, String kind) {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".example.com").endMetadata()
        .withNewSpec().withGroup("example.com").withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(plural).endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
  }

  static HyperbytedbCluster cluster(String name, int replicas) {
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    HyperbytedbClusterSpec spec = new HyperbytedbClusterSpec();
    spec.setReplicas(replicas);
    cluster.setSpec(spec);
    return cluster;
  }

  /** A StatefulSet of {@code replicas} with one container {@code db:<version>} and a {@code data} claim. */
  static StatefulSetBuilder statefulSet(String name, int replicas, String version) {
    return new StatefulSetBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec()
          .withReplicas(replicas).withServiceName(name + "-headless").withPodManagementPolicy("Parallel")
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec().addNewContainer().withName("db").withImage("db:" + version).endContainer().endSpec()
          .endTemplate()
          .addNewVolumeClaimTemplate()
            .withNewMetadata().withName("data").endMetadata()
            .withNewSpec().withAccessModes("ReadWriteOnce")
              .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
            .endSpec()
          .endVolumeClaimTemplate()
        .endSpec();
  }

  static StatefulSet statefulSet(String name, int replicas) {
    return statefulSet(name, replicas, "1").build();
  }

  /** {@code owned} with a controller owner reference to {@code owner}. */
  static <T extends HasMetadata> T ownedBy(T owned, HasMetadata owner) {
    owned.getMetadata().setOwnerReferences(java.util.List.of(SimulatedPods.controlledBy(owner)));
    return owned;
  }
}
