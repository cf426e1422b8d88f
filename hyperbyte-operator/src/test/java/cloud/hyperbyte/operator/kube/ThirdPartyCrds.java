package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;

/**
 * Minimal stand-ins for the Prometheus Operator and cert-manager CRDs (any schema, the operator reads
 * none), as a test installs them on the simulated API (which marks them Established).
 */
public final class ThirdPartyCrds {

  private ThirdPartyCrds() {}

  /** The CRD of {@code kind}, without status. */
  public static CustomResourceDefinition of(GenericKinds kind) {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName(kind.crdName()).endMetadata()
        .withNewSpec().withGroup(kind.group()).withScope("Namespaced")
        .withNewNames().withKind(kind.kind()).withPlural(kind.plural()).withSingular(kind.kind().toLowerCase(java.util.Locale.ROOT))
        .endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
  }
}
