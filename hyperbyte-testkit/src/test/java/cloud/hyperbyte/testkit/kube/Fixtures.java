package cloud.hyperbyte.testkit.kube;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small objects for the testkit's tests, all in namespace {@value #NS}. */
public final class Fixtures {

  public static final String NS = "test";

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
    return statefulSet(name, replicas, new ContainerBuilder().withName("db").withImage("db:" + version).build());
  }

  /**
   * A StatefulSet whose pods the simulated cluster runs as members ({@code hyperbytedb:0.8.5}): the
   * {@code data} claim mounted where the image keeps its data, the config from ConfigMap
   * {@code <name>-config} ({@link #memberConfig}).
   */
  public static StatefulSet memberStatefulSet(String name, int replicas) {
    Container member = new ContainerBuilder().withName("db").withImage("hyperbytedb:0.8.5")
        .addNewVolumeMount().withName("data").withMountPath(OperatorPaths.DATA_DIR).endVolumeMount().build();
    return statefulSet(name, replicas, member)
        .editSpec().editTemplate().editSpec()
          .addNewVolume().withName("config").withNewConfigMap().withName(name + "-config").endConfigMap().endVolume()
        .endSpec().endTemplate().endSpec().build();
  }

  /** The ConfigMap {@link #memberStatefulSet} members of {@code name} read {@code config.toml} from. */
  public static ConfigMap memberConfig(String name, String toml) {
    return configMap(name + "-config", Map.of("config.toml", toml));
  }

  private static StatefulSetBuilder statefulSet(String name, int replicas, Container container) {
    return new StatefulSetBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec()
          .withReplicas(replicas).withServiceName(name + "-headless").withPodManagementPolicy("Parallel")
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec().addToContainers(container).endSpec()
          .endTemplate()
          .addNewVolumeClaimTemplate()
            .withNewMetadata().withName("data").endMetadata()
            .withSpec(claimSpec())
          .endVolumeClaimTemplate()
        .endSpec();
  }

  /** A claim {@code name} of 1Gi, ReadWriteOnce, as a StatefulSet's claim template makes it. */
  public static PersistentVolumeClaim claim(String name) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withSpec(claimSpec()).build();
  }

  private static PersistentVolumeClaimSpec claimSpec() {
    return new PersistentVolumeClaimSpecBuilder().withAccessModes("ReadWriteOnce")
        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().build();
  }

  /**
   * A run-to-completion pod {@code name} of one container {@code main} of {@code image}, with claim
   * {@code claim} mounted at {@code /data}; on node {@code nodeName} when not null.
   */
  public static Pod claimPod(String name, String image, String claim, String nodeName) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withRestartPolicy("Never").withNodeName(nodeName)
          .addNewContainer().withName("main").withImage(image)
            .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
          .endContainer()
          .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
            .endPersistentVolumeClaim().endVolume()
        .endSpec().build();
  }

  /**
   * A run-to-completion pod {@code name} of one container {@code main} of {@code image}, with {@code
   * keys} of Secret {@code secret} as read-only files under {@code /etc/tls}.
   */
  public static Pod secretPod(String name, String image, String secret, String... keys) {
    List<KeyToPath> items = Arrays.stream(keys).map(k -> new KeyToPathBuilder().withKey(k).withPath(k).build()).toList();
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withRestartPolicy("Never")
          .addNewContainer().withName("main").withImage(image)
            .addNewVolumeMount().withName("tls").withMountPath("/etc/tls").withReadOnly(true).endVolumeMount()
          .endContainer()
          .addNewVolume().withName("tls").withNewSecret().withSecretName(secret).withItems(items).endSecret().endVolume()
        .endSpec().build();
  }

  static StatefulSet statefulSet(String name, int replicas) {
    return statefulSet(name, replicas, "1").build();
  }

  /** {@code owned} with a controller owner reference to {@code owner}. */
  static <T extends HasMetadata> T ownedBy(T owned, HasMetadata owner) {
    owned.getMetadata().setOwnerReferences(List.of(SimulatedPods.controlledBy(owner)));
    return owned;
  }
}
