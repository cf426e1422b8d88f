package cloud.hyperbyte.model.spec;

import static cloud.hyperbyte.model.spec.Manifests.read;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.LogLevel;
import cloud.hyperbyte.model.v1alpha1.ReplicationMode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterSpecFactoryTest {

  private static List<String> errorPaths(Validated<?> result) {
    return result.errors().stream().map(Problem::path).toList();
  }

  @Nested
  class Defaults {
    @Test
    void anEmptySpecIsASingleMemberClusterOnTheSupportedServerVersion() {
      ClusterSpec spec = read("").orElseThrow();

      assertThat(spec.replicas()).isEqualTo(1);
      assertThat(spec.clusterMode()).isFalse();
      assertThat(spec.image()).isEqualTo("ghcr.io/hyperbyte-cloud/hyperbytedb:0.8.5");
      assertThat(spec.server().port()).isEqualTo(8086);
      assertThat(spec.storage().size()).isEqualTo("10Gi");
      assertThat(spec.logging().level()).isEqualTo(LogLevel.INFO);
      assertThat(spec.cluster().replicationMode()).isEqualTo(ReplicationMode.ASYNC);
      assertThat(spec.server().tls().mode()).isEqualTo(TlsMode.DISABLED);
      assertThat(spec.proxy()).isEmpty();
      assertThat(spec.autoscaling()).isEmpty();
      assertThat(spec.failover().enabled()).isTrue();
      assertThat(spec.chdb().sessionDataPath()).isEqualTo("/var/lib/hyperbytedb/chdb");
    }

    @Test
    void raftTimingsDefaultToValuesTheServerAccepts() {
      ClusterSettings cluster = read("replicas: 3").orElseThrow().cluster();

      assertThat(cluster.raftElectionTimeoutMs()).isGreaterThan(cluster.raftHeartbeatIntervalMs());
    }

    @Test
    void aLeadingVIsDroppedFromTheVersion() {
      ClusterSpec spec = read("version: v0.9.0").orElseThrow();

      assertThat(spec.version()).isEqualTo("0.9.0");
      assertThat(spec.image()).endsWith(":0.9.0");
    }

    @Test
    void anImageWithItsOwnTagIsUsedAsGivenAndTheVersionOnlyReported() {
      Validated<ClusterSpec> result = read("image: registry.local:5000/hb:custom\nversion: 0.8.5");

      assertThat(result.orElseThrow().image()).isEqualTo("registry.local:5000/hb:custom");
      assertThat(result.warnings()).extracting(Problem::path).containsExactly("spec.image");
    }

    @Test
    void anImageRepositoryWithARegistryPortGetsTheVersionTag() {
      assertThat(read("image: registry.local:5000/hb").orElseThrow().image())
          .isEqualTo("registry.local:5000/hb:0.8.5");
    }

    @Test
    void theRestoreHoldAnnotationHoldsTheClusterAtZeroMembers() {
      String manifest =
          Manifests.cluster("replicas: 3")
              .replace("  namespace: db\n", "  namespace: db\n  annotations:\n    hyperbytedb.hyperbyte.cloud/restore-hold: r1\n");
      ClusterSpec spec =
          ManifestReader.readClusterSpec(manifest, java.util.Optional.empty(), "cluster.local").orElseThrow();

      assertThat(spec.heldBy()).contains("r1");
      assertThat(spec.effectiveReplicas()).isZero();
      assertThat(spec.replicas()).isEqualTo(3);
    }

    @Test
    void theRestartedAtAnnotationIsCarriedAsTheRestartRequest() {
      String manifest =
          Manifests.cluster("replicas: 3")
              .replace("  namespace: db\n",
                  "  namespace: db\n  annotations:\n    hyperbytedb.hyperbyte.cloud/restartedAt: \"2026-12-07T07:00:00Z\"\n");

      assertThat(ManifestReader.readClusterSpec(manifest, java.util.Optional.empty(), "cluster.local").orElseThrow()
              .restartedAt()).contains("2026-12-07T07:00:00Z");
      assertThat(read("replicas: 3").orElseThrow().restartedAt()).isEmpty();
    }
  }

  @Nested
  class Rules {
    @ParameterizedTest(name = "heartbeat {0} ms, election {1} ms -> valid {2}")
    @CsvSource({"1000, 3000, true", "1000, 1000, false", "1000, 800, false", "200, 201, true"})
    void theRaftElectionTimeoutMustExceedTheHeartbeat(int heartbeat, int election, boolean valid) {
      Validated<ClusterSpec> result =
          read("replicas: 3\ncluster:\n  raftHeartbeatIntervalMs: " + heartbeat + "\n  raftElectionTimeoutMs: " + election);

      assertThat(result.isValid()).isEqualTo(valid);
      if (!valid) {
        assertThat(result.errors().get(0).path()).isEqualTo("spec.cluster.raftElectionTimeoutMs");
        assertThat(result.errors().get(0).message()).contains("refuses to start Raft");
      }
    }

    @Test
    void serverTlsIsRejectedForMoreThanOneMemberAndAcceptedForOne() {
      assertThat(errorPaths(read("replicas: 3\nserver:\n  tls:\n    enabled: true")))
          .containsExactly("spec.server.tls.enabled");
      assertThat(read("replicas: 1\nserver:\n  tls:\n    enabled: true").isValid()).isTrue();
    }

    @Test
    void serverTlsIsRejectedWhenAutoscalingCanGrowTheCluster() {
      Validated<ClusterSpec> result =
          read("server:\n  tls:\n    enabled: true\nautoscaling:\n  enabled: true\n  maxReplicas: 3");

      assertThat(errorPaths(result)).containsExactly("spec.server.tls.enabled");
      assertThat(result.errors().get(0).message()).contains("autoscaling may grow the cluster to 3");
    }

    @Test
    void clusterTlsIsRejectedBecauseTheServerHasNoTlsBetweenNodes() {
      assertThat(errorPaths(read("cluster:\n  tls:\n    enabled: true"))).containsExactly("spec.cluster.tls.enabled");
      assertThat(read("cluster:\n  tls:\n    enabled: false").isValid()).isTrue();
    }

    @Test
    void authNeedsOneMemberAndACredentialsSecret() {
      assertThat(errorPaths(read("replicas: 3\nauth:\n  enabled: true\n  credentialsSecretName: admin")))
          .containsExactly("spec.auth.enabled");
      assertThat(errorPaths(read("auth:\n  enabled: true"))).containsExactly("spec.auth.credentialsSecretName");
      assertThat(read("auth:\n  enabled: true\n  credentialsSecretName: admin").isValid()).isTrue();
    }

    @Test
    void aTlsSourceIsEitherASecretOrCertManager() {
      String both = "server:\n  tls:\n    enabled: true\n    secretName: mine\n    certManagerIssuerRef:\n      name: ca";
      assertThat(errorPaths(read(both))).containsExactly("spec.server.tls");
      assertThat(read("server:\n  tls:\n    enabled: true\n    secretName: mine").orElseThrow().server().tls().mode())
          .isEqualTo(TlsMode.USER_SECRET);
      assertThat(
              read("server:\n  tls:\n    enabled: true\n    certManagerIssuerRef:\n      name: ca\n      kind: ClusterIssuer")
                  .orElseThrow().server().tls().issuer().orElseThrow().kind())
          .isEqualTo("ClusterIssuer");
    }

    @Test
    void autoscalingMinimumMayNotExceedItsMaximum() {
      assertThat(errorPaths(read("autoscaling:\n  enabled: true\n  minReplicas: 5\n  maxReplicas: 3")))
          .containsExactly("spec.autoscaling.minReplicas");
      assertThat(read("autoscaling:\n  enabled: true\n  minReplicas: 3\n  maxReplicas: 5").isValid()).isTrue();
    }

    @Test
    void membersHpaAndProxyReplicasAreBoundedBy99AsTheCrdIs() {
      assertThat(errorPaths(read("replicas: 100"))).containsExactly("spec.replicas");
      assertThat(errorPaths(read("autoscaling:\n  enabled: true\n  minReplicas: 100\n  maxReplicas: 100")))
          .containsExactlyInAnyOrder("spec.autoscaling.minReplicas", "spec.autoscaling.maxReplicas");
      assertThat(errorPaths(read("proxy:\n  enabled: true\n  replicas: 100"))).containsExactly("spec.proxy.replicas");
      assertThat(read("replicas: 99\nautoscaling:\n  enabled: true\n  maxReplicas: 99\nproxy:\n  enabled: true\n"
          + "  replicas: 99").isValid()).isTrue();
    }

    @Test
    void podLabelsAreBoundedSoTheCrdRuleOverThemCanBeCosted() {
      String many = java.util.stream.IntStream.range(0, 65).mapToObj(i -> "  l" + i + ": v")
          .collect(java.util.stream.Collectors.joining("\n"));
      assertThat(errorPaths(read("podLabels:\n" + many))).containsExactly("spec.podLabels");
      assertThat(errorPaths(read("podLabels:\n  team: " + "x".repeat(64)))).containsExactly("spec.podLabels[team]");
    }

    @Test
    void theClusterTlsSourceIsEitherASecretOrCertManagerToo() {
      String both = "cluster:\n  tls:\n    enabled: false\n    secretName: mine\n    certManagerIssuerRef:\n      name: ca";
      assertThat(errorPaths(read(both))).containsExactly("spec.cluster.tls");
    }

    @Test
    void autoscalingNeedsAMaximum() {
      assertThat(errorPaths(read("autoscaling:\n  enabled: true"))).containsExactly("spec.autoscaling.maxReplicas");
      assertThat(read("autoscaling:\n  enabled: false").isValid()).isTrue();
    }

    @Test
    void failoverWaitsAtLeastAMinute() {
      assertThat(errorPaths(read("failover:\n  failoverTimeoutSecs: 30")))
          .containsExactly("spec.failover.failoverTimeoutSecs");
      assertThat(read("failover:\n  failoverTimeoutSecs: 60").isValid()).isTrue();
    }

    @Test
    void podLabelsCannotOverrideTheOperatorsSelectorLabels() {
      assertThat(errorPaths(read("podLabels:\n  app.kubernetes.io/instance: other\n  team: a")))
          .containsExactly("spec.podLabels");
      assertThat(read("podLabels:\n  team: a").orElseThrow().podLabels()).containsEntry("team", "a");
    }

    @Test
    void additionalMountsMayNotCollideWithTheOperatorsPaths() {
      String spec =
          "additionalVolumes:\n- name: data\n  emptyDir: {}\n- name: extra\n  emptyDir: {}\n"
              + "additionalVolumeMounts:\n- name: extra\n  mountPath: /var/lib/hyperbytedb/extra\n"
              + "- name: extra\n  mountPath: /etc\n- name: extra\n  mountPath: /opt/extra";
      assertThat(errorPaths(read(spec)))
          .containsExactly(
              "spec.additionalVolumeMounts[0].mountPath",
              "spec.additionalVolumeMounts[1].mountPath",
              "spec.additionalVolumes[0].name");
      assertThat(read("additionalVolumes:\n- name: extra\n  emptyDir: {}\nadditionalVolumeMounts:\n- name: extra\n  mountPath: /opt/extra").isValid())
          .isTrue();
    }

    @Test
    void theRetentionIntervalMustBeAPositiveHumantimeDuration() {
      assertThat(errorPaths(read("retention:\n  interval: 0s"))).containsExactly("spec.retention.interval");
      assertThat(errorPaths(read("retention:\n  interval: soon"))).containsExactly("spec.retention.interval");
      assertThat(read("retention:\n  interval: 1h 30m").orElseThrow().limits().retentionInterval()).contains("1h 30m");
    }

    @Test
    void theChdbPathMustStayOnTheMemberVolumeAwayFromServerDirectories() {
      assertThat(errorPaths(read("chdb:\n  sessionDataPath: /var/lib/hyperbytedb/raft/chdb")))
          .containsExactly("spec.chdb.sessionDataPath");
      assertThat(errorPaths(read("chdb:\n  sessionDataPath: /var/lib/hyperbytedb/../x")))
          .containsExactly("spec.chdb.sessionDataPath");
      assertThat(read("chdb:\n  sessionDataPath: /var/lib/hyperbytedb/olap").isValid()).isTrue();
    }

    @Test
    void syncQuorumMinAcksIsAPositiveIntegerOrMajority() {
      String base = "replicas: 3\ncluster:\n  replication:\n    mode: sync_quorum\n    syncQuorum:\n      minAcks: ";
      assertThat(read(base + "majority").orElseThrow().cluster().minAcks()).contains("majority");
      assertThat(read(base + "2").orElseThrow().cluster().minAcks()).contains("2");
      assertThat(errorPaths(read(base + "most"))).containsExactly("spec.cluster.replication.syncQuorum.minAcks");
      assertThat(errorPaths(read(base + "0"))).containsExactly("spec.cluster.replication.syncQuorum.minAcks");
    }

    @Test
    void proxyPortsMustDifferAndNodePortsNeedANodePortService() {
      assertThat(errorPaths(read("proxy:\n  enabled: true\n  port: 8087"))).containsExactly("spec.proxy.adminPort");
      assertThat(errorPaths(read("proxy:\n  enabled: true\n  nodePort: 30086"))).containsExactly("spec.proxy.nodePort");
      assertThat(read("proxy:\n  enabled: true\n  serviceType: NodePort\n  nodePort: 30086").orElseThrow().proxy().orElseThrow().port())
          .isEqualTo(8086);
    }

    @Test
    void aProxyImageWithoutATagFollowsTheVersionAndOneWithATagOrDigestDoesNot() {
      ProxySettings byDefault = read("version: v0.8.6\nproxy:\n  enabled: true").orElseThrow().proxy().orElseThrow();
      ProxySettings repository = read("version: 0.8.6\nproxy:\n  enabled: true\n  image: reg:5000/proxy")
          .orElseThrow().proxy().orElseThrow();
      ProxySettings tagged = read("version: 0.8.6\nproxy:\n  enabled: true\n  image: reg:5000/proxy:0.8.6")
          .orElseThrow().proxy().orElseThrow();
      ProxySettings digest = read("proxy:\n  enabled: true\n  image: proxy@sha256:" + "a".repeat(64))
          .orElseThrow().proxy().orElseThrow();

      assertThat(byDefault.image()).isEqualTo("ghcr.io/hyperbyte-cloud/hyperbytedb-proxy:0.8.6");
      assertThat(byDefault.imageFollowsVersion()).isTrue();
      assertThat(repository.image()).isEqualTo("reg:5000/proxy:0.8.6");
      assertThat(repository.imageFollowsVersion()).isTrue();
      assertThat(tagged.imageFollowsVersion()).isFalse();
      assertThat(digest.imageFollowsVersion()).isFalse();
    }

    @Test
    void twoMembersAreAllowedWithAWarning() {
      Validated<ClusterSpec> result = read("replicas: 2");

      assertThat(result.isValid()).isTrue();
      assertThat(result.warnings()).extracting(Problem::path).containsExactly("spec.replicas");
    }

    @Test
    void aStorageSizeMustBeAPositiveQuantity() {
      assertThat(errorPaths(read("storage:\n  volumeClaimTemplate:\n    size: 0Gi")))
          .containsExactly("spec.storage.volumeClaimTemplate.size");
      assertThat(read("storage:\n  volumeClaimTemplate:\n    size: 50Gi").orElseThrow().storage().size()).isEqualTo("50Gi");
    }
  }

  @Nested
  class Metadata {
    @Test
    void theNameMustBeAShortDnsLabel() {
      String longName = "a".repeat(53);
      var tooLong = ManifestReader.readClusterSpec(Manifests.cluster("").replace("name: hb", "name: " + longName),
          java.util.Optional.empty(), "cluster.local");
      var upper = ManifestReader.readClusterSpec(Manifests.cluster("").replace("name: hb", "name: Hb"),
          java.util.Optional.empty(), "cluster.local");

      assertThat(errorPaths(tooLong)).containsExactly("metadata.name");
      assertThat(errorPaths(upper)).containsExactly("metadata.name");
    }

    @Test
    void aMissingNamespaceCanBeGivenOnTheCommandLine() {
      String manifest = Manifests.cluster("").replace("  namespace: db\n", "");

      assertThat(errorPaths(ManifestReader.readClusterSpec(manifest, java.util.Optional.empty(), "cluster.local")))
          .containsExactly("metadata.namespace");
      assertThat(ManifestReader.readClusterSpec(manifest, java.util.Optional.of("ops"), "cluster.local").orElseThrow().namespace())
          .isEqualTo("ops");
    }
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Validated<ClusterSpec> result =
        read("replicas: 3\nserver:\n  tls:\n    enabled: true\ncluster:\n  raftElectionTimeoutMs: 500\nfailover:\n  failoverTimeoutSecs: 10");

    assertThat(errorPaths(result))
        .containsExactlyInAnyOrder(
            "spec.failover.failoverTimeoutSecs", "spec.server.tls.enabled", "spec.cluster.raftElectionTimeoutMs");
  }
}
