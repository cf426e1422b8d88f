package cloud.hyperbyte.reconcile.pod;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

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
