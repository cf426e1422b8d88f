package cloud.hyperbyte.render.config;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.render.config.ServerConfigKeys.ValueType;
import org.junit.jupiter.api.Test;

class ServerConfigKeysTest {

  @Test
  void givenKeysThatNowStopTheServerExpectThemNotAccepted() {
    assertThat(ServerConfigKeys.typeOf("flush", "wal_size_threshold_mb")).isEmpty();
    assertThat(ServerConfigKeys.typeOf("flush", "time_bucket_duration")).isEmpty();
    assertThat(ServerConfigKeys.typeOf("storage", "data_dir")).isEmpty();
    assertThat(ServerConfigKeys.typeOf("storage", "backend")).isEmpty();
    assertThat(ServerConfigKeys.typeOf("cluster", "sync_max_concurrent_files")).isEmpty();
    assertThat(ServerConfigKeys.sections()).doesNotContainKeys("compaction", "sharding", "server.tls", "storage.s3");
  }

  @Test
  void givenContractSectionsExpectTheirKeysAndTypes() {
    assertThat(ServerConfigKeys.sections())
        .containsKeys(
            "server", "storage", "flush", "chdb", "auth", "cardinality", "cluster", "cluster.replication",
            "cluster.replication.sync_quorum", "logging", "statement_summary", "hinted_handoff", "rate_limit",
            "retention", "disk");
    assertThat(ServerConfigKeys.typeOf("cluster", "raft_election_timeout_ms")).contains(ValueType.INTEGER);
    assertThat(ServerConfigKeys.typeOf("cluster", "replication_log_dir")).contains(ValueType.STRING);
    assertThat(ServerConfigKeys.typeOf("server", "tls_enabled")).contains(ValueType.BOOLEAN);
    assertThat(ServerConfigKeys.typeOf("cluster.replication.sync_quorum", "min_acks")).contains(ValueType.INTEGER_OR_STRING);
    assertThat(ServerConfigKeys.typeOf("retention", "interval")).contains(ValueType.STRING);
  }
}
