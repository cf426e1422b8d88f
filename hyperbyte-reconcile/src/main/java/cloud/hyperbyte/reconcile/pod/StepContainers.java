package cloud.hyperbyte.reconcile.pod;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.config.ServerEnvironment;
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

  /** The env of a database-image step: the cluster's image overrides, as its members run with. */
  public static List<EnvVar> databaseEnv(ClusterSpec cluster) {
    List<EnvVar> env = new ArrayList<>();
    ServerEnvironment.imageOverrides(cluster).forEach((name, value) -> env.add(new EnvVar(name, value, null)));
    return env;
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
