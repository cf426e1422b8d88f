package cloud.hyperbyte.testkit.kube.admission.crd;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated server admits HyperbytedbClusters as kube-apiserver does with the generated CRD:
 * pruning with warnings, defaults, schema validation and the CEL rules, with the server's messages.
 */
class CustomResourceAdmissionTest {

  static final String CLUSTERS = "/apis/hyperbytedb.hyperbyte.cloud/v1alpha1/namespaces/test/hyperbytedbclusters";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private SimulatedKubernetes kube;
  private RawHttp http;

  @BeforeEach
  void start() {
    kube = SimulatedKubernetes.start();
    http = new RawHttp(kube);
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  static String cluster(String name, String specYaml) {
    return "apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1\nkind: HyperbytedbCluster\nmetadata:\n  name: " + name
        + "\n  namespace: test\nspec:\n" + specYaml.indent(2);
  }

  @Nested
  class PruningAndDefaults {

    @Test
    void unknownFieldsAreDroppedWithTheWarningTheServerSends() {
      RawHttp.Reply reply = http.post(CLUSTERS, cluster("c", "replicas: 1\nreplicaz: 3\nstorage:\n  sise: 1Gi"));

      assertThat(reply.code()).isEqualTo(201);
      assertThat(reply.warnings()).containsExactly("299 - \"unknown field \\\"spec.replicaz\\\"\"",
          "299 - \"unknown field \\\"spec.storage.sise\\\"\"");
      JsonNode stored = http.get(CLUSTERS + "/c").body();
      assertThat(stored.path("spec").has("replicaz")).isFalse();
      assertThat(stored.path("spec").path("storage").has("sise")).isFalse();
    }

    @Test
    void schemaDefaultsFillAbsentFieldsAlsoInsideNestedObjectsThatArePresent() {
      http.post(CLUSTERS, cluster("c", "storage:\n  volumeClaimTemplate: {}"));

      JsonNode spec = http.get(CLUSTERS + "/c").body().path("spec");
      assertThat(spec.path("replicas").asInt()).isEqualTo(1);
      assertThat(spec.path("version").asText()).isEqualTo("0.8.5");
      assertThat(spec.path("storage").path("volumeClaimTemplate").path("size").asText()).isEqualTo("10Gi");
      assertThat(spec.path("storage").path("walFormat").asText()).isEqualTo("bincode");
      assertThat(spec.has("proxy")).as("absent objects stay absent").isFalse();
    }

    @Test
    void defaultsAreAppliedOnUpdateToo() {
      http.post(CLUSTERS, cluster("c", "replicas: 1"));
      JsonNode stored = http.get(CLUSTERS + "/c").body();
      ((tools.jackson.databind.node.ObjectNode) stored.path("spec")).putObject("failover");

      http.put(CLUSTERS + "/c", JSON.writeValueAsString(stored));

      assertThat(http.get(CLUSTERS + "/c").body().path("spec").path("failover").path("enabled").isBoolean()).isTrue();
    }
  }

  @Nested
  class SchemaValidation {

    @Test
    void aWrongTypeIsRefusedAsTheServerWordsItAndStopsTheRules() {
      RawHttp.Reply reply = http.post(CLUSTERS, cluster("c", "replicas: three"));

      assertThat(reply.code()).isEqualTo(422);
      assertThat(reply.message()).isEqualTo("HyperbytedbCluster.hyperbytedb.hyperbyte.cloud \"c\" is invalid: ["
          + "spec.replicas: Invalid value: \"three\": spec.replicas in body must be of type integer: \"string\", "
          + "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid;"
          + " correct the existing errors to complete validation]");
      assertThat(reply.causeFields()).containsExactly("spec.replicas", "<nil>");
    }

    @Test
    void replicasAbove99AreRefused() {
      RawHttp.Reply reply = http.post(CLUSTERS, cluster("c", "replicas: 100"));

      assertThat(reply.message()).endsWith(
          "spec.replicas: Invalid value: 100: spec.replicas in body should be less than or equal to 99");
    }

    @Test
    void moreThan64PodLabelsOrALabelValueLongerThan63AreRefused() {
      String labels = IntStream.range(0, 65).mapToObj(i -> "  l" + i + ": v").collect(Collectors.joining("\n"));
      assertThat(http.post(CLUSTERS, cluster("c", "podLabels:\n" + labels)).message())
          .contains("spec.podLabels: Too many: 65: must have at most 64 items");
      assertThat(http.post(CLUSTERS, cluster("d", "podLabels:\n  team: " + "x".repeat(64))).message())
          .contains("spec.podLabels[team]: Too long: may not be more than 63 bytes");
    }

    @Test
    void everyErrorIsReportedAndAnUnsupportedValueNamesTheAllowedOnes() {
      RawHttp.Reply reply = http.post(CLUSTERS, cluster("c", "replicas: 0\nimagePullPolicy: Sometimes"));

      assertThat(reply.causeFields()).containsExactlyInAnyOrder("spec.replicas", "spec.imagePullPolicy", "<nil>");
      assertThat(reply.message()).contains(
          "spec.imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"",
          "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1");
    }
  }

  @Nested
  class Rules {

    @Test
    void aFalseRuleIsRefusedAtItsFieldPathWithItsMessage() {
      RawHttp.Reply reply = http.post(CLUSTERS, cluster("c",
          "replicas: 3\ncluster:\n  raftHeartbeatIntervalMs: 1000\n  raftElectionTimeoutMs: 1000"));

      assertThat(reply.code()).isEqualTo(422);
      assertThat(reply.message()).isEqualTo("HyperbytedbCluster.hyperbytedb.hyperbyte.cloud \"c\" is invalid: "
          + "spec.cluster.raftElectionTimeoutMs: Invalid value: \"object\": raftElectionTimeoutMs must be greater than"
          + " raftHeartbeatIntervalMs: the server refuses to start Raft otherwise");
    }

    @Test
    void aRuleOverTheLabelMapSeesItsKeys() {
      assertThat(http.post(CLUSTERS, cluster("c", "podLabels:\n  app.kubernetes.io/name: x")).causeFields())
          .containsExactly("spec.podLabels");
      assertThat(http.post(CLUSTERS, cluster("d", "podLabels:\n  team: x")).code()).isEqualTo(201);
    }

    @Test
    void anIntOrStringRuleSeesAnIntOrAString() {
      String quorum = "cluster:\n  replication:\n    mode: sync_quorum\n    syncQuorum:\n      minAcks: ";
      assertThat(http.post(CLUSTERS, cluster("a", quorum + "2")).code()).isEqualTo(201);
      assertThat(http.post(CLUSTERS, cluster("b", quorum + "majority")).code()).isEqualTo(201);
      assertThat(http.post(CLUSTERS, cluster("c", quorum + "0")).message()).endsWith(
          "spec.cluster.replication.syncQuorum.minAcks: Invalid value: \"\": minAcks is a positive integer or the string majority");
      assertThat(http.post(CLUSTERS, cluster("d", quorum + "most")).causeFields())
          .containsExactly("spec.cluster.replication.syncQuorum.minAcks");
    }

    @Test
    void theStorageSizeMayGrowButNotShrinkAndTheRuleRunsOnlyOnUpdate() {
      String small = "storage:\n  volumeClaimTemplate:\n    size: ";
      assertThat(http.post(CLUSTERS, cluster("c", small + "10Gi")).code()).isEqualTo(201);

      assertThat(http.mergePatch(CLUSTERS + "/c", "{\"spec\":{\"storage\":{\"volumeClaimTemplate\":{\"size\":\"20Gi\"}}}}")
          .code()).isEqualTo(200);
      assertThat(http.mergePatch(CLUSTERS + "/c", "{\"spec\":{\"storage\":{\"volumeClaimTemplate\":{\"size\":\"20480Mi\"}}}}")
          .code()).as("the same size written differently").isEqualTo(200);
      RawHttp.Reply shrink =
          http.mergePatch(CLUSTERS + "/c", "{\"spec\":{\"storage\":{\"volumeClaimTemplate\":{\"size\":\"10Gi\"}}}}");

      assertThat(shrink.code()).isEqualTo(422);
      assertThat(shrink.message()).endsWith("spec.storage.volumeClaimTemplate.size: Invalid value: \"string\": "
          + "storage.volumeClaimTemplate.size cannot shrink from 20480Mi to 10Gi: Kubernetes cannot shrink a volume;"
          + " keep 20480Mi or larger");
      assertThat(http.get(CLUSTERS + "/c").body().path("spec").path("storage").path("volumeClaimTemplate")
          .path("size").asText()).isEqualTo("20480Mi");
    }

    @Test
    void statusWritesAreCheckedAgainstTheStatusSchemaOnlyAndMainWritesNeverCheckStatus() {
      http.post(CLUSTERS, cluster("c", "replicas: 1"));
      JsonNode stored = http.get(CLUSTERS + "/c").body();
      ((tools.jackson.databind.node.ObjectNode) stored).putObject("status").put("readyReplicas", "many");

      RawHttp.Reply statusWrite = http.put(CLUSTERS + "/c/status", JSON.writeValueAsString(stored));

      assertThat(statusWrite.causeFields()).containsExactly("status.readyReplicas", "<nil>");
      ((tools.jackson.databind.node.ObjectNode) stored.path("status")).put("readyReplicas", 1);
      assertThat(http.put(CLUSTERS + "/c/status", JSON.writeValueAsString(stored)).code()).isEqualTo(200);
    }
  }
}
