package cloud.hyperbyte.render.config;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.model.v1alpha1.ReplicationMode;
import cloud.hyperbyte.render.SpecVariants;
import cloud.hyperbyte.render.TestSpecs;
import cloud.hyperbyte.render.config.ServerConfigKeys.ValueType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigTomlTest {

  private static final TomlMapper TOML = new TomlMapper();

  static List<org.junit.jupiter.params.provider.Arguments> specs() {
    return SpecVariants.arguments();
  }

  private static JsonNode parse(ClusterSpec spec) throws Exception {
    return TOML.readTree(ConfigToml.render(spec));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void givenAnySpecExpectOnlyKeysAndTypesTheServerAccepts(String name, ClusterSpec spec) throws Exception {
    List<String> problems = new ArrayList<>();
    collect("", parse(spec), problems);

    assertThat(problems).as("rendered config.toml for %s", name).isEmpty();
  }

  private static void collect(String section, JsonNode table, List<String> problems) {
    for (Map.Entry<String, JsonNode> entry : table.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        String nested = section.isEmpty() ? key : section + "." + key;
        if (!ServerConfigKeys.sections().containsKey(nested)) {
          problems.add("unknown section [" + nested + "]");
        } else {
          collect(nested, value, problems);
        }
        continue;
      }
      if (section.isEmpty()) {
        problems.add("top-level key " + key);
        continue;
      }
      ValueType expected = ServerConfigKeys.typeOf(section, key).orElse(null);
      if (expected == null) {
        problems.add("unknown key [" + section + "] " + key);
      } else if (!matches(expected, value)) {
        problems.add("[" + section + "] " + key + " should be " + expected + " but is " + value.getNodeType());
      }
    }
  }

  private static boolean matches(ValueType type, JsonNode value) {
    return switch (type) {
      case STRING -> value.isTextual();
      case INTEGER -> value.isIntegralNumber() && value.asLong() >= 0;
      case BOOLEAN -> value.isBoolean();
      case INTEGER_OR_STRING -> value.isIntegralNumber() || value.isTextual();
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void givenAnySpecExpectExplicitRaftTimingsWithElectionAboveHeartbeat(String name, ClusterSpec spec) throws Exception {
    JsonNode cluster = parse(spec).get("cluster");

    assertThat(cluster.get("raft_heartbeat_interval_ms").isIntegralNumber()).isTrue();
    assertThat(cluster.get("raft_snapshot_threshold").isIntegralNumber()).isTrue();
    assertThat(cluster.get("raft_election_timeout_ms").asLong()).isGreaterThan(cluster.get("raft_heartbeat_interval_ms").asLong());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void givenAnySpecExpectAllFiveDataDirectoriesOnTheVolumeAndNoPerPodIdentity(String name, ClusterSpec spec) throws Exception {
    JsonNode toml = parse(spec);

    assertThat(List.of(
            toml.at("/storage/wal_dir").asText(),
            toml.at("/storage/meta_dir").asText(),
            toml.at("/chdb/session_data_path").asText(),
            toml.at("/cluster/raft_dir").asText(),
            toml.at("/cluster/replication_log_dir").asText()))
        .allMatch(dir -> dir.startsWith("/var/lib/hyperbytedb/"));
    assertThat(toml.get("cluster").has("node_id")).isFalse();
    assertThat(toml.get("cluster").has("cluster_addr")).isFalse();
    assertThat(toml.at("/cluster/peers").asText()).isEmpty();
  }

  @Test
  void givenSingleNodeExpectClusterDisabledAndDefaultsRendered() throws Exception {
    JsonNode toml = parse(TestSpecs.single());

    assertThat(toml.at("/cluster/enabled").asBoolean()).isFalse();
    assertThat(toml.at("/server/port").asInt()).isEqualTo(8086);
    assertThat(toml.at("/server/bind_address").asText()).isEqualTo("0.0.0.0");
    assertThat(toml.at("/server").has("tls_enabled")).isFalse();
    assertThat(toml.at("/storage/wal_format").asText()).isEqualTo("bincode");
    assertThat(toml.at("/logging/level").asText()).isEqualTo("info");
    assertThat(toml.at("/retention").has("interval")).as("server default 12h applies").isFalse();
    assertThat(toml.at("/cluster/raft_election_timeout_ms").asInt()).isEqualTo(3000);
    assertThat(toml.at("/cluster").has("replication")).isFalse();
  }

  @Test
  void arrowWalIsWrittenOnlyWhenSwitchedOffSoExistingConfigHashesStay() throws Exception {
    ClusterSpec off = TestSpecs.single().withFlush(
        cloud.hyperbyte.model.spec.ImmutableFlushSettings.copyOf(TestSpecs.single().flush()).withArrowWalEnabled(false));

    assertThat(parse(TestSpecs.single()).at("/flush/arrow_wal_enabled").isMissingNode()).isTrue();
    assertThat(parse(off).at("/flush/arrow_wal_enabled").asBoolean(true)).isFalse();
  }

  @Test
  void givenThreeNodesExpectClusterEnabled() throws Exception {
    assertThat(parse(TestSpecs.threeNode()).at("/cluster/enabled").asBoolean()).isTrue();
  }

  @Test
  void givenSyncQuorumMajorityExpectStringMinAcks() throws Exception {
    JsonNode toml = parse(TestSpecs.highlyAvailable());

    assertThat(toml.at("/cluster/replication/mode").asText()).isEqualTo("sync_quorum");
    assertThat(toml.at("/cluster/replication/ack_timeout_ms").asLong()).isEqualTo(5000);
    assertThat(toml.at("/cluster/replication/sync_quorum/min_acks").isTextual()).isTrue();
    assertThat(toml.at("/cluster/replication/sync_quorum/min_acks").asText()).isEqualTo("majority");
  }

  @Test
  void givenSyncQuorumIntegerExpectIntegerMinAcks() throws Exception {
    ClusterSpec spec =
        TestSpecs.threeNode().withCluster(TestSpecs.cluster().withReplicationMode(ReplicationMode.SYNC_QUORUM).withMinAcks("2"));

    JsonNode minAcks = parse(spec).at("/cluster/replication/sync_quorum/min_acks");

    assertThat(minAcks.isIntegralNumber()).isTrue();
    assertThat(minAcks.asInt()).isEqualTo(2);
  }

  @Test
  void givenRetentionIntervalExpectItRendered() throws Exception {
    ClusterSpec spec = TestSpecs.single().withLimits(cloud.hyperbyte.model.spec.ImmutableLimitSettings.copyOf(TestSpecs.single().limits()).withRetentionInterval("5m"));

    assertThat(parse(spec).at("/retention/interval").asText()).isEqualTo("5m");
  }

  @Test
  void givenTlsFromASecretFileExpectFixedPathsAndWithOperatorCaExpectPathsLeftToThePod() throws Exception {
    JsonNode certManager = parse(TestSpecs.tlsSingle(TlsMode.CERT_MANAGER)).get("server");
    JsonNode operatorCa = parse(TestSpecs.tlsSingle(TlsMode.OPERATOR_CA)).get("server");

    assertThat(certManager.get("tls_enabled").asBoolean()).isTrue();
    assertThat(certManager.get("tls_cert_path").asText()).isEqualTo("/etc/hyperbytedb/tls/tls.crt");
    assertThat(certManager.get("tls_key_path").asText()).isEqualTo("/etc/hyperbytedb/tls/tls.key");
    assertThat(operatorCa.get("tls_enabled").asBoolean()).isTrue();
    assertThat(operatorCa.has("tls_cert_path")).isFalse();
  }

  @Test
  void givenChdbPoolsExpectThemRenderedOnlyWhenSet() throws Exception {
    ClusterSpec spec = TestSpecs.single().withChdb(cloud.hyperbyte.model.spec.ImmutableChdbSettings.copyOf(TestSpecs.single().chdb()).withQueryPoolSize(8));

    JsonNode chdb = parse(spec).get("chdb");

    assertThat(chdb.get("query_pool_size").asInt()).isEqualTo(8);
    assertThat(chdb.has("pool_size")).isFalse();
    assertThat(chdb.has("write_pool_size")).isFalse();
  }

  @Test
  void givenEqualSpecsExpectByteIdenticalText() {
    assertThat(ConfigToml.render(TestSpecs.highlyAvailable())).isEqualTo(ConfigToml.render(TestSpecs.highlyAvailable()));
  }
}
