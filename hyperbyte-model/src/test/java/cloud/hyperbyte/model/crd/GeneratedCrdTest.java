package cloud.hyperbyte.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GeneratedCrdTest {

  private static CustomResourceDefinitionVersion version(String plural) {
    return CrdSchemas.definition(plural).getSpec().getVersions().get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hyperbytedbclusters", "hyperbytedbbackups", "hyperbytedbrestores"})
  void everyCrdIsNamespacedInTheHyperbytedbCategoryWithShortNamesAndAStatusSubresource(String plural) {
    CustomResourceDefinition crd = CrdSchemas.definition(plural);

    assertThat(crd.getSpec().getGroup()).isEqualTo("hyperbytedb.hyperbyte.cloud");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getCategories()).containsExactly("hyperbytedb");
    assertThat(crd.getSpec().getNames().getShortNames()).isNotEmpty();
    assertThat(version(plural).getName()).isEqualTo("v1alpha1");
    assertThat(version(plural).getSubresources().getStatus()).isNotNull();
    assertThat(version(plural).getAdditionalPrinterColumns()).last()
        .extracting(CustomResourceColumnDefinition::getName).isEqualTo("Age");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hyperbytedbclusters", "hyperbytedbbackups", "hyperbytedbrestores"})
  void theCompactSchemaThatPruningAndValidationReadIsTheGeneratedCrdsSchemaNodeForNode(String plural) throws Exception {
    JsonNode fromCrd;
    try (InputStream crd = new ByteArrayInputStream(CrdSchemas.yaml(plural).getBytes(StandardCharsets.UTF_8))) {
      fromCrd = CrdSchemas.openApiSchemaNode(crd);
    }

    assertThat(fromCrd.path("properties").size()).isPositive();
    // JsonNode equality is strict about number kinds: an int read back as a long or a double would differ
    assertThat(CrdSchemas.openApiSchemaNode(plural)).isEqualTo(fromCrd);
  }

  @Test
  void clusterPrinterColumnsComeInTheDocumentedOrder() {
    assertThat(version("hyperbytedbclusters").getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("Replicas", "Ready", "Phase", "Cluster", "Version", "Age");
  }

  @Test
  void theClusterHasAScaleSubresourceForKubectlScaleAndTheHpa() {
    var scale = version("hyperbytedbclusters").getSubresources().getScale();

    assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.replicas");
    assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.replicas");
    assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
  }

  @Test
  void theSchemaCarriesDefaultsBoundsEnumsPatternsAndCelRules() {
    JSONSchemaProps spec = CrdSchemas.openApiSchema("hyperbytedbclusters").getProperties().get("spec");
    JSONSchemaProps cluster = spec.getProperties().get("cluster");

    assertThat(spec.getProperties().get("replicas").getMinimum()).isEqualTo(1.0);
    assertThat(spec.getProperties().get("replicas").getDefault().asInt()).isEqualTo(1);
    assertThat(spec.getProperties().get("imagePullPolicy").getEnum()).hasSize(3);
    assertThat(spec.getProperties().get("version").getPattern()).isNotBlank();
    assertThat(cluster.getProperties().get("raftElectionTimeoutMs").getDefault().asInt())
        .isGreaterThan(cluster.getProperties().get("raftHeartbeatIntervalMs").getDefault().asInt());
    assertThat(rules(cluster)).anyMatch(r -> r.contains("self.raftElectionTimeoutMs : 3000) > ("));
    assertThat(rules(spec)).anyMatch(r -> r.contains("self.podLabels"));
    assertThat(rules(spec.getProperties().get("autoscaling"))).anyMatch(r -> r.contains("minReplicas <= self.maxReplicas"));
    assertThat(spec.getProperties().get("failover").getProperties().get("failoverTimeoutSecs").getMinimum()).isEqualTo(60.0);
  }

  @Test
  void theGoOperatorsFieldsAreDeclaredSoKubectlsStrictValidationAcceptsTheirManifests() {
    JSONSchemaProps spec = CrdSchemas.openApiSchema("hyperbytedbclusters").getProperties().get("spec");
    JSONSchemaProps flush = spec.getProperties().get("flush");

    assertThat(spec.getProperties().get("sharding").getProperties()).containsKeys("enabled", "replicationFactor",
        "regionSplitSeries", "regionMaxSeries", "regionMergeSeries", "splitMergeIntervalSecs", "scheduleLimit",
        "heartbeatIntervalSecs", "bootstrapTimeoutMs", "primaryFailoverAfterSecs", "scatterPeerTimeoutMs",
        "scatterMaxPeerAttempts", "loadSplitQpsThreshold", "maxRegionsPerMeasurement");
    assertThat(flush.getProperties()).containsKeys("arrowWALEnabled", "walSizeThresholdMb", "timeBucketDuration");
    assertThat(spec.getProperties().get("proxy").getProperties()).containsKey("imagePullSecrets");
    // the single-member rules of TLS and auth are the operator's, not admission's: the Go operator's
    // public HA and TLS examples (5 and 3 members) must be stored, then are refused with a condition
    assertThat(rules(spec)).noneMatch(r -> r.contains("self.server.tls.enabled") || r.contains("self.auth.enabled"));
  }

  @Test
  void backupAndRestoreRejectWhatTheServerCannotDo() {
    JSONSchemaProps backup = CrdSchemas.openApiSchema("hyperbytedbbackups").getProperties().get("spec");
    JSONSchemaProps restore = CrdSchemas.openApiSchema("hyperbytedbrestores").getProperties().get("spec");

    assertThat(rules(backup.getProperties().get("databases"))).containsExactly("size(self) == 0");
    assertThat(rules(backup.getProperties().get("backupType"))).containsExactly("self == 'full'");
    assertThat(rules(restore.getProperties().get("restoreTimestamp"))).containsExactly("false");
  }

  private static List<String> rules(JSONSchemaProps schema) {
    List<ValidationRule> rules = schema.getXKubernetesValidations();
    return rules == null ? new ArrayList<>() : rules.stream().map(ValidationRule::getRule).toList();
  }
}
