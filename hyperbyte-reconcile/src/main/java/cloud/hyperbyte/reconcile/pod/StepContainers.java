package cloud.hyperbyte.reconcile.pod;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.config.ServerEnvironment;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import cloud.hyperbyte.render.workload.SecureDefaults;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Pieces every pod the operator creates for a data step (backup, restore, seed) builds its
 * containers from, so the steps cannot drift apart: credentials by Secret reference, mounts, and the
 * operator image's step resources.
 */
public final class StepContainers {

  private StepContainers() {}

  /** An env var read from key {@code key} of Secret {@code secret}: credentials never appear in the pod spec. */
  public static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  /**
   * A step in the database image, run as the members run it: the cluster's image and pull policy,
   * its env overrides and container security context. The caller adds mounts and resources.
   */
  public static ContainerBuilder databaseStep(ClusterSpec cluster, String name, List<String> command) {
    List<EnvVar> env = new ArrayList<>();
    ServerEnvironment.imageOverrides(cluster).forEach((key, value) -> env.add(new EnvVar(key, value, null)));
    ContainerBuilder container = new ContainerBuilder()
        .withName(name)
        .withImage(cluster.image())
        .withCommand(command)
        .withEnv(env)
        .withSecurityContext(cluster.containerSecurityContext().orElseGet(SecureDefaults::container));
    cluster.imagePullPolicy().ifPresent(policy -> container.withImagePullPolicy(policy.wireValue()));
    return container;
  }

  /**
   * Member {@code ordinal}'s data claim as volume {@value ClusterNames#DATA_VOLUME} and the
   * cluster's config as volume {@value DatabasePodTemplate#CONFIG_VOLUME}: what a database-image
   * step mounts where the members have them.
   */
  public static List<Volume> memberVolumes(ClusterSpec cluster, int ordinal) {
    ClusterNames names = ClusterNames.of(cluster);
    return List.of(
        new VolumeBuilder().withName(ClusterNames.DATA_VOLUME).withNewPersistentVolumeClaim()
            .withClaimName(names.dataPvc(ordinal)).endPersistentVolumeClaim().build(),
        new VolumeBuilder().withName(DatabasePodTemplate.CONFIG_VOLUME).withNewConfigMap()
            .withName(names.configMap()).endConfigMap().build());
  }

  /** An emptyDir named {@code volume}: scratch space that goes with the pod. */
  public static Volume scratch(String volume) {
    return new VolumeBuilder().withName(volume).withNewEmptyDir().endEmptyDir().build();
  }

  /**
   * Volume {@code volume} with just {@code keys} of Secret {@code secret}, each as a file of its own
   * name: a pod gets the files its step needs and no other key of the Secret.
   */
  public static Volume secretFiles(String volume, String secret, String... keys) {
    VolumeBuilder builder = new VolumeBuilder().withName(volume);
    var source = builder.withNewSecret().withSecretName(secret);
    for (String key : keys) {
      source.addNewItem().withKey(key).withPath(key).endItem();
    }
    return source.endSecret().build();
  }

  /** A read-write mount of {@code volume} at {@code path}. */
  public static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
  }

  /** A read-only mount of {@code volume} at {@code path}. */
  public static VolumeMount readOnly(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
  }

  /**
   * What an operator-image step (upload, fetch) asks for: it streams with one bounded buffer, so
   * 256 MiB holds whatever the size of the data.
   */
  public static ResourceRequirements operatorStepResources() {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("memory", new Quantity("256Mi"))
        .build();
  }
}
