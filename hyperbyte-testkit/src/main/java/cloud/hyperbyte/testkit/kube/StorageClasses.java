package cloud.hyperbyte.testkit.kube;

import cloud.hyperbyte.testkit.kube.admission.PersistentVolumeClaimAdmission;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;

/** StorageClasses for simulated clusters. */
public final class StorageClasses {

  /** The name of the default class a {@code SimulatedCluster} has unless a test says otherwise. */
  public static final String STANDARD = "standard";

  private StorageClasses() {}

  /** The default class: {@code standard}, expandable, annotated as the cluster default. */
  public static StorageClass standard() {
    return asDefault(of(STANDARD, true));
  }

  /** A class with {@code allowVolumeExpansion} as given (CSI-style provisioner, Delete, Immediate binding). */
  public static StorageClass of(String name, boolean allowVolumeExpansion) {
    return new StorageClassBuilder().withNewMetadata().withName(name).endMetadata()
        .withProvisioner("simulated.csi.hyperbyte.cloud").withReclaimPolicy("Delete")
        .withVolumeBindingMode("Immediate").withAllowVolumeExpansion(allowVolumeExpansion).build();
  }

  /** {@code storageClass} annotated as the cluster default, which PVCs without a class get. */
  public static StorageClass asDefault(StorageClass storageClass) {
    return new StorageClassBuilder(storageClass).editMetadata()
        .addToAnnotations(PersistentVolumeClaimAdmission.DEFAULT_CLASS_ANNOTATION, "true").endMetadata().build();
  }
}
