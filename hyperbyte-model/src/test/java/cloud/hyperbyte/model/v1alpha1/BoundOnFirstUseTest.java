package cloud.hyperbyte.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cloud.hyperbyte.model.kube.KubernetesJson;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** The spec's embedded Kubernetes fields, bound on first use, bind exactly as their own types do. */
class BoundOnFirstUseTest {

  private static final Map<String, Object> AFFINITY = Map.of("nodeAffinity", Map.of(
      "requiredDuringSchedulingIgnoredDuringExecution", Map.of("nodeSelectorTerms", List.of(Map.of(
          "matchExpressions", List.of(Map.of("key", "disk", "operator", "In", "values", List.of("ssd"))))))));
  private static final List<Map<String, Object>> TOLERATIONS =
      List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "db", "effect", "NoSchedule", "tolerationSeconds", 30));
  private static final List<Map<String, Object>> SPREAD = List.of(Map.of("maxSkew", 1, "topologyKey",
      "topology.kubernetes.io/zone", "whenUnsatisfiable", "DoNotSchedule", "labelSelector",
      Map.of("matchLabels", Map.of("app", "db"))));
  private static final List<Map<String, Object>> VOLUMES = List.of(
      Map.of("name", "extra", "configMap", Map.of("name", "settings", "items", List.of(Map.of("key", "a", "path", "a.conf")))),
      Map.of("name", "scratch", "emptyDir", Map.of("sizeLimit", "1Gi")));
  private static final List<Map<String, Object>> MOUNTS = List.of(Map.of("name", "extra", "mountPath", "/etc/extra", "readOnly", true));
  private static final Map<String, Object> POD_SECURITY = Map.of("runAsUser", 1000, "fsGroup", 2000,
      "seccompProfile", Map.of("type", "RuntimeDefault"), "sysctls", List.of(Map.of("name", "net.core.somaxconn", "value", "1024")));
  private static final Map<String, Object> CONTAINER_SECURITY = Map.of("allowPrivilegeEscalation", false,
      "capabilities", Map.of("drop", List.of("ALL")), "readOnlyRootFilesystem", true);

  @Test
  void everyEmbeddedKubernetesFieldBindsToTheObjectItsOwnTypeBindsTo() {
    Map<String, Object> spec = Map.of("affinity", AFFINITY, "tolerations", TOLERATIONS, "topologySpreadConstraints", SPREAD,
        "additionalVolumes", VOLUMES, "additionalVolumeMounts", MOUNTS, "podSecurityContext", POD_SECURITY,
        "containerSecurityContext", CONTAINER_SECURITY);

    HyperbytedbClusterSpec bound = bind(spec, HyperbytedbClusterSpec.class);

    assertThat(bound.getAffinity()).isEqualTo(bind(AFFINITY, Affinity.class));
    assertThat(bound.getTolerations()).isEqualTo(bindList(TOLERATIONS, Toleration.class));
    assertThat(bound.getTopologySpreadConstraints())
        .isEqualTo(bindList(SPREAD, TopologySpreadConstraint.class));
    assertThat(bound.getAdditionalVolumes()).isEqualTo(bindList(VOLUMES, Volume.class))
        .extracting(Volume::getName).containsExactly("extra", "scratch");
    assertThat(bound.getAdditionalVolumeMounts()).isEqualTo(bindList(MOUNTS, VolumeMount.class));
    assertThat(bound.getPodSecurityContext()).isEqualTo(bind(POD_SECURITY, PodSecurityContext.class));
    assertThat(bound.getContainerSecurityContext()).isEqualTo(bind(CONTAINER_SECURITY, SecurityContext.class));
    assertThat(bound.getPodSecurityContext().getSysctls()).singleElement()
        .satisfies(s -> assertThat(s.getValue()).isEqualTo("1024"));
  }

  @Test
  void absentAndNullFieldsStayNullAndAnEmptyListStaysEmpty() {
    Map<String, Object> spec = new java.util.HashMap<>();
    spec.put("affinity", null);
    spec.put("tolerations", List.of());

    HyperbytedbClusterSpec bound = bind(spec, HyperbytedbClusterSpec.class);

    assertThat(bound.getAffinity()).isNull();
    assertThat(bound.getTolerations()).isEmpty();
    assertThat(bound.getAdditionalVolumes()).isNull();
    assertThat(bound.getPodSecurityContext()).isNull();
  }

  @Test
  void aValueOfTheWrongTypeDeepInsideIsReportedAtItsFieldPath() {
    Map<String, Object> cluster = Map.of("spec", Map.of("tolerations", List.of(Map.of("key", "a")),
        "podSecurityContext", Map.of("runAsUser", Map.of("not", "a number"))));

    Throwable thrown = catchThrowable(() -> bind(cluster, HyperbytedbCluster.class));
    while (thrown != null && !(thrown instanceof JacksonException)) {
      thrown = thrown.getCause();
    }

    assertThat(thrown).isInstanceOf(JacksonException.class);
    assertThat(((JacksonException) thrown).getPath()).extracting(JacksonException.Reference::getPropertyName)
        .containsExactly("spec", "podSecurityContext", "runAsUser");
  }

  private static <T> T bind(Object tree, Class<T> type) {
    return KubernetesJson.SERIALIZATION.convertValue(tree, type);
  }

  /** Each item bound to its own type, as a list. */
  private static <T> List<T> bindList(List<Map<String, Object>> items, Class<T> type) {
    return items.stream().map(item -> bind(item, type)).toList();
  }
}
