package cloud.hyperbyte.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The API server fills the CRD's {@code default}s; {@link ClusterSpecFactory} fills its own for
 * objects that never passed an API server. Both must agree: a spec with every CRD default written
 * out equals a spec built from nothing.
 */
class CrdDefaultsMatchFactoryDefaultsTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void everyCrdDefaultEqualsTheFactoryDefault() {
    JSONSchemaProps specSchema = CrdSchemas.openApiSchema("hyperbytedbclusters").getProperties().get("spec");
    Map<String, Object> defaulted = materializeDefaults(specSchema);

    ClusterSpec fromCrdDefaults = ClusterSpecFactory.from(cluster(defaulted), "cluster.local").orElseThrow();
    ClusterSpec fromNothing = ClusterSpecFactory.from(cluster(new LinkedHashMap<>()), "cluster.local").orElseThrow();

    // an explicit retention policy is the only object whose mere presence has a meaning
    assertThat(ImmutableClusterSpec.copyOf(fromCrdDefaults).withPvcRetention(Optional.empty()))
        .isEqualTo(fromNothing);
  }

  private static HyperbytedbCluster cluster(Map<String, Object> spec) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("apiVersion", HyperbytedbCluster.API_VERSION);
    document.put("kind", HyperbytedbCluster.KIND);
    document.put("spec", spec);
    HyperbytedbCluster cluster = SERIALIZATION.convertValue(document, HyperbytedbCluster.class);
    cluster.setMetadata(new ObjectMetaBuilder().withName("hb").withNamespace("db").build());
    return cluster;
  }

  /** Every object of our own types with all of its defaults, recursively (what defaulting yields). */
  private static Map<String, Object> materializeDefaults(JSONSchemaProps schema) {
    Map<String, Object> object = new LinkedHashMap<>();
    schema.getProperties().forEach((name, property) -> {
      if (property.getDefault() != null) {
        object.put(name, SERIALIZATION.convertValue(property.getDefault(), Object.class));
      } else if ("object".equals(property.getType()) && property.getProperties() != null
          && (property.getRequired() == null || property.getRequired().isEmpty())
          && !isKubernetesType(property)) {
        object.put(name, materializeDefaults(property));
      }
    });
    return object;
  }

  /** Kubernetes' own types (affinity, resources …) carry no defaults of ours. */
  private static boolean isKubernetesType(JSONSchemaProps property) {
    return property.getProperties().values().stream().noneMatch(p -> p.getDefault() != null)
        && property.getProperties().values().stream().noneMatch(p -> "object".equals(p.getType()) && p.getProperties() != null
            && p.getProperties().values().stream().anyMatch(q -> q.getDefault() != null));
  }
}
