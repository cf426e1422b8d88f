package cloud.hyperbyte.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.config.ConfigHash;
import cloud.hyperbyte.render.config.ConfigToml;
import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ClusterRendererTest {

  static List<org.junit.jupiter.params.provider.Arguments> specs() {
    return SpecVariants.arguments();
  }

  private static List<String> kindsAndNames(ClusterSpec spec) {
    return ClusterRenderer.render(spec).objects().stream()
        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
        .toList();
  }

  @Test
  void givenSingleNodeExpectTheCoreObjectsOnly() {
    assertThat(kindsAndNames(TestSpecs.single()))
        .containsExactly("ConfigMap/db-config", "Service/db-headless", "Service/db", "StatefulSet/db", "ServiceMonitor/db");
  }

  @Test
  void givenThreeNodesExpectADisruptionBudgetToo() {
    assertThat(kindsAndNames(TestSpecs.threeNode()))
        .containsExactly(
            "ConfigMap/db-config", "Service/db-headless", "Service/db", "PodDisruptionBudget/db-pdb", "StatefulSet/db",
            "ServiceMonitor/db");
  }

  @Test
  void givenEverythingOnExpectEveryObjectInApplyOrder() {
    ClusterSpec spec = TestSpecs.highlyAvailable().withServer(TestSpecs.server(TlsMode.CERT_MANAGER));

    assertThat(kindsAndNames(spec))
        .containsExactly(
            "ConfigMap/db-config",
            "Certificate/db-tls",
            "Service/db-headless",
            "Service/db",
            "PodDisruptionBudget/db-pdb",
            "StatefulSet/db",
            "HorizontalPodAutoscaler/db",
            "Service/db-proxy",
            "Deployment/db-proxy",
            "ServiceMonitor/db",
            "PrometheusRule/db",
            "ConfigMap/db-dashboard");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void givenAnySpecExpectNamespaceLabelsAndControllerOwnerOnEveryObject(String name, ClusterSpec spec) {
    for (HasMetadata object : ClusterRenderer.render(spec).objects()) {
      assertThat(object.getMetadata().getNamespace()).as(object.getKind()).isEqualTo("prod");
      assertThat(object.getMetadata().getLabels())
          .as(object.getKind())
          .containsEntry(ClusterLabels.INSTANCE, "db")
          .containsEntry(ClusterLabels.MANAGED_BY, "hyperbytedb-operator")
          .containsKey(ClusterLabels.NAME);
      if (spec.uid().isPresent()) {
        assertThat(object.getMetadata().getOwnerReferences()).as(object.getKind()).singleElement().satisfies(owner -> {
          assertThat(owner.getApiVersion()).isEqualTo("hyperbytedb.hyperbyte.cloud/v1alpha1");
          assertThat(owner.getKind()).isEqualTo("HyperbytedbCluster");
          assertThat(owner.getName()).isEqualTo("db");
          assertThat(owner.getUid()).isEqualTo(TestSpecs.UID);
          assertThat(owner.getController()).isTrue();
          assertThat(owner.getBlockOwnerDeletion()).isTrue();
        });
      } else {
        assertThat(object.getMetadata().getOwnerReferences()).as(object.getKind()).isEmpty();
      }
    }
  }

  @Test
  void givenRenderExpectConfigHashOfTheConfigMapOnThePodTemplate() {
    RenderedCluster rendered = ClusterRenderer.render(TestSpecs.threeNode());
    String toml = rendered.get(ConfigMap.class, "db-config").getData().get("config.toml");

    assertThat(toml).isEqualTo(ConfigToml.render(TestSpecs.threeNode()));
    assertThat(rendered.configHash()).isEqualTo(ConfigHash.of(toml));
    assertThat(rendered.get(StatefulSet.class, "db").getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(Annotations.CONFIG_HASH, rendered.configHash());
  }

  @Test
  void givenLookupsExpectObjectsByKindAndName() {
    RenderedCluster rendered = ClusterRenderer.render(TestSpecs.highlyAvailable());

    assertThat(rendered.find("Service", "db-headless")).isPresent();
    assertThat(rendered.find("Service", "nope")).isEmpty();
    assertThat(rendered.ofKind("Service")).hasSize(3);
    assertThat(rendered.find(StatefulSet.class, "db")).isPresent();
    assertThatThrownBy(() -> rendered.get(StatefulSet.class, "db-proxy")).isInstanceOf(IllegalArgumentException.class);
  }
}
