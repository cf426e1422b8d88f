package cloud.hyperbyte.model.spec;

import static cloud.hyperbyte.model.spec.Manifests.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values the API server or the kubelet would refuse later are refused by the spec factory, with the
 * field path; the nearby valid values are accepted.
 */
class BuiltInFieldRulesTest {

  private static List<String> errorPaths(String specYaml) {
    return read(specYaml).errors().stream().map(Problem::path).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      podLabels: {"bad key!": x}                                    | spec.podLabels[bad key!]
      podLabels: {"a/b/c": x}                                       | spec.podLabels[a/b/c]
      podLabels: {"Example.COM/team": x}                            | spec.podLabels[Example.COM/team]
      podLabels: {team: "-starts-with-dash"}                        | spec.podLabels[team]
      podLabels: {team: "trailing\\n"}                              | spec.podLabels[team]
      nodeSelector: {"disk type": ssd}                              | spec.nodeSelector[disk type]
      podAnnotations: {"not valid/key/x": "1"}                      | spec.podAnnotations[not valid/key/x]
      resources: {requests: {cpu: lots}}                            | spec.resources.requests[cpu]
      resources: {requests: {memory: 4GB}}                          | spec.resources.requests[memory]
      resources: {requests: {memory: "1.5.0"}}                      | spec.resources.requests[memory]
      resources: {limits: {cpu: "-1"}}                              | spec.resources.limits[cpu]
      resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}        | spec.resources.requests[cpu]
      resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}  | spec.resources.requests[memory]
      resources: {requests: {gpu: "1"}}                             | spec.resources.requests[gpu]
      image: "ghcr.io/x;rm -rf /"                                   | spec.image
      image: "GHCR.io/Org/Image"                                    | spec.image
      image: "ghcr.io/x/y:1.0 "                                     | spec.image
      version: "0.8.5;id"                                           | spec.version
      proxy: {enabled: true, image: "bad image"}                    | spec.proxy.image
      proxy: {enabled: true, resources: {requests: {cpu: "x"}}}     | spec.proxy.resources.requests[cpu]
      tolerations: [{key: a, operator: Maybe}]                      | spec.tolerations[0].operator
      tolerations: [{operator: Equal, value: x}]                    | spec.tolerations[0].operator
      tolerations: [{key: a, operator: Exists, value: x}]           | spec.tolerations[0].value
      tolerations: [{key: a, effect: NoRun}]                        | spec.tolerations[0].effect
      tolerations: [{key: a, effect: NoSchedule, tolerationSeconds: 5}] | spec.tolerations[0].tolerationSeconds
      topologySpreadConstraints: [{maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}] | spec.topologySpreadConstraints[0].maxSkew
      topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: Never}] | spec.topologySpreadConstraints[0].whenUnsatisfiable
      topologySpreadConstraints: [{maxSkew: 1, whenUnsatisfiable: DoNotSchedule}] | spec.topologySpreadConstraints[0].topologyKey
      additionalVolumeMounts: [{name: ghost, mountPath: /x}]        | spec.additionalVolumeMounts[0].name
      additionalVolumes: [{name: Bad_Vol, emptyDir: {}}]            | spec.additionalVolumes[0].name
      storage: {volumeClaimTemplate: {storageClassName: "Fast SSD!"}} | spec.storage.volumeClaimTemplate.storageClassName
      auth: {enabled: true, credentialsSecretName: "Bad_Name$(id)"} | spec.auth.credentialsSecretName
      priorityClassName: "High Priority"                            | spec.priorityClassName
      """)
  void givenAValueKubernetesRefusesExpectAnErrorAtItsPath(String specYaml, String path) {
    assertThat(errorPaths(specYaml)).contains(path);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      podLabels: {team: a, "example.com/tier": gold, empty: ""}
      podAnnotations: {"prometheus.io/scrape": "true", "Example.com/Note": "any text\\nat all"}
      resources: {requests: {cpu: 500m, memory: 512Mi, ephemeral-storage: 1G}, limits: {cpu: "2", memory: 1Gi}}
      resources: {requests: {cpu: "1e3", "example.com/gpu": "1", hugepages-2Mi: 64Mi}}
      image: "registry.local:5000/team/hyperbytedb:0.8.5"
      image: "ghcr.io/hyperbyte-cloud/hyperbytedb@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      tolerations: [{operator: Exists}, {key: dedicated, operator: Equal, value: db, effect: NoExecute, tolerationSeconds: 60}]
      topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}]
      additionalVolumes: [{name: extra, emptyDir: {}}]
      storage: {volumeClaimTemplate: {storageClassName: fast-ssd.example.com}}
      """)
  void givenValuesKubernetesAcceptsExpectNoError(String specYaml) {
    assertThat(read(specYaml).errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      replicas: 3, cluster: {replication: {mode: sync_quorum, syncQuorum: {minAcks: 3}}} | true
      replicas: 3, cluster: {replication: {mode: sync_quorum, syncQuorum: {minAcks: 2}}} | false
      replicas: 3, cluster: {replication: {mode: sync_quorum, syncQuorum: {minAcks: majority}}} | false
      """)
  void givenMoreSyncQuorumAcksThanPeersExpectAnError(String fields, boolean refused) {
    List<String> paths = errorPaths(fields.replace(", cluster", "\ncluster"));

    assertThat(paths.contains("spec.cluster.replication.syncQuorum.minAcks")).isEqualTo(refused);
  }

  @org.junit.jupiter.api.Test
  void annotationsLargerThanTheServersTotalLimitAreRefused() {
    String big = "x".repeat(BuiltInFieldRules.ANNOTATIONS_MAX_BYTES);

    assertThat(errorPaths("podAnnotations: {note: \"" + big + "\"}")).contains("spec.podAnnotations");
  }
}
