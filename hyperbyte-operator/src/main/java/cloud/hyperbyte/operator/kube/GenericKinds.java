package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.reconcile.apply.GroupKind;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * The kinds the operator handles as {@code GenericKubernetesResource} because fabric8 8.0.0 has no
 * model for them; each is watched and written only when its CRD is installed.
 */
public enum GenericKinds {
  SERVICE_MONITOR("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors"),
  PROMETHEUS_RULE("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules"),
  CERTIFICATE("cert-manager.io", "v1", "Certificate", "certificates");

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;

  GenericKinds(String group, String version, String kind, String plural) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
  }

  public String kind() {
    return kind;
  }

  public String group() {
    return group;
  }

  public String plural() {
    return plural;
  }

  /** The CRD's name, {@code <plural>.<group>}. */
  public String crdName() {
    return plural + "." + group;
  }

  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(true).build();
  }

  /** The generic kind with this group and kind, if it is one. */
  public static Optional<GenericKinds> of(String group, String kind) {
    return List.of(values()).stream().filter(k -> k.group.equals(group) && k.kind.equals(kind)).findFirst();
  }

  /** The generic kind of {@code object}, if it is one. */
  public static Optional<GenericKinds> of(HasMetadata object) {
    GroupKind groupKind = ObjectRef.of(object).groupKind();
    return of(groupKind.group(), groupKind.kind());
  }
}
