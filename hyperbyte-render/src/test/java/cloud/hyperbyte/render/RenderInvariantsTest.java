package cloud.hyperbyte.render;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.render.config.ConfigHash;
import cloud.hyperbyte.render.config.ConfigToml;
import cloud.hyperbyte.render.config.ServerConfigKeys;
import cloud.hyperbyte.render.yaml.YamlWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariants that hold for every valid spec, checked over seeded random specs. */
class RenderInvariantsTest {

  private static final long SEED = 20261124L;
  private static final int COUNT = 300;
  private static final TomlMapper TOML = new TomlMapper();

  @Test
  void givenRandomSpecsExpectConfigTomlWithOnlyAcceptedKeysAndValidRaftTimings() throws Exception {
    List<String> problems = new ArrayList<>();
    for (ClusterSpec spec : new RandomSpecs(SEED).draw(COUNT)) {
      JsonNode toml = TOML.readTree(ConfigToml.render(spec));
      for (Map.Entry<String, JsonNode> section : toml.properties()) {
        flatten(section.getKey(), section.getValue(), problems);
      }
      JsonNode cluster = toml.get("cluster");
      if (cluster.get("raft_election_timeout_ms").asLong() <= cluster.get("raft_heartbeat_interval_ms").asLong()) {
        problems.add("raft timings " + cluster);
      }
      if (cluster.get("enabled").asBoolean() != spec.replicas() > 1) {
        problems.add("cluster.enabled for " + spec.replicas() + " replicas");
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void flatten(String section, JsonNode table, List<String> problems) {
    table.properties().forEach(entry -> {
      if (entry.getValue().isObject()) {
        flatten(section + "." + entry.getKey(), entry.getValue(), problems);
      } else if (ServerConfigKeys.typeOf(section, entry.getKey()).isEmpty()) {
        problems.add("[" + section + "] " + entry.getKey());
      }
    });
  }

  @Test
  void givenRandomSpecsExpectReplicaChangesWithinClusterModeToKeepHashAndPodTemplate() {
    for (ImmutableClusterSpec spec : new RandomSpecs(SEED + 1).draw(COUNT).stream().map(ImmutableClusterSpec::copyOf).toList()) {
      if (!spec.clusterMode()) {
        assertThat(ConfigHash.of(ConfigToml.render(spec))).isNotEqualTo(ConfigHash.of(ConfigToml.render(spec.withReplicas(3))));
        continue;
      }
      ImmutableClusterSpec scaled = spec.withReplicas(spec.replicas() + 2);
      RenderedCluster before = ClusterRenderer.render(spec);
      RenderedCluster after = ClusterRenderer.render(scaled);
      assertThat(after.configHash()).isEqualTo(before.configHash());
      assertThat(after.get(StatefulSet.class, spec.name()).getSpec().getTemplate())
          .isEqualTo(before.get(StatefulSet.class, spec.name()).getSpec().getTemplate());
    }
  }

  @Test
  void givenRandomSpecsExpectDeterministicYamlAndOwnedObjects() {
    for (ClusterSpec spec : new RandomSpecs(SEED + 2).draw(COUNT / 3)) {
      List<HasMetadata> objects = ClusterRenderer.render(spec).objects();
      assertThat(YamlWriter.write(objects)).isEqualTo(YamlWriter.write(ClusterRenderer.render(ImmutableClusterSpec.copyOf(spec)).objects()));
      assertThat(objects).allSatisfy(o -> {
        assertThat(o.getMetadata().getNamespace()).isEqualTo(spec.namespace());
        assertThat(o.getMetadata().getOwnerReferences()).hasSize(1);
      });
    }
  }
}
