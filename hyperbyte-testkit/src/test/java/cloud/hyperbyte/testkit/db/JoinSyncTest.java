package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a joining member receives (contract top finding 5, §2.3): the WAL entries a peer still holds
 * after a flush, never the points already flushed and truncated from that WAL.
 */
class JoinSyncTest extends SimulatedDatabaseFixture {

  private static final DatabaseOptions NO_WAL_RETENTION =
      DatabaseOptions.defaults("hdb", "prod").withWalRetentionEntries(0);

  @Test
  void aMemberJoiningAfterAFlushLacksTheFlushedPointsAndGetsOnlyTheWalTail() {
    SimulatedDatabase database = database(NO_WAL_RETENTION).bootstrap(3);
    writePoint(database.node(0), "cpu,host=a value=1");
    writePoint(database.node(0), "cpu,host=b value=2");
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      database.flush(ordinal);
    }
    writePoint(database.node(0), "cpu,host=c value=3");

    join(database, 3);
    advance(SimulatedNode.HINTED_HANDOFF_WATCH.plus(Duration.ofSeconds(1)));

    assertThat(database.node(3).state()).isEqualTo(NodeState.ACTIVE);
    assertThat(database.node(3).points()).containsExactly("cpu,host=c value=3");
    assertThat(database.node(0).points())
        .containsExactly("cpu,host=a value=1", "cpu,host=b value=2", "cpu,host=c value=3");
    assertThat(database.node(3).walSequence()).isEqualTo(database.node(0).walSequence());
  }

  @Test
  void withTheServersWalRetentionAFlushKeepsTheEntriesAndAJoiningMemberGetsThemAll() {
    SimulatedDatabase database = database().bootstrap(3);
    writePoint(database.node(0), "cpu,host=a value=1");
    database.flush(0);
    database.flush(1);
    database.flush(2);

    join(database, 3);
    advance(SimulatedNode.HINTED_HANDOFF_WATCH.plus(Duration.ofSeconds(1)));

    assertThat(database.node(3).points()).containsExactly("cpu,host=a value=1");
  }

  @Test
  void aMemberRestoredFromABackupKeepsItsHistoryAndCatchesUpOnlyTheWalWrittenAfterTheBackup() {
    SimulatedDatabase database = database(NO_WAL_RETENTION).bootstrap(3);
    writePoint(database.node(0), "cpu,host=a value=1");
    database.flush(0);
    database.flush(1);
    database.flush(2);
    var backup = database.node(1).volume().backup(Instant.parse("2026-08-01T00:00:00Z"));
    writePoint(database.node(0), "cpu,host=b value=2");
    database.start(3);
    database.crash(3);
    database.node(3).volume().restore(backup);

    database.start(3);
    join(database, 3);
    advance(SimulatedNode.HINTED_HANDOFF_WATCH.plus(Duration.ofSeconds(1)));

    assertThat(database.node(3).points()).containsExactly("cpu,host=a value=1", "cpu,host=b value=2");
    assertThat(database.node(3).volume().hasRaftState()).isTrue();
  }

  @Test
  void aBackupHoldsTheWalEntriesTheSourceStillKeeps() {
    SimulatedDatabase database = database().bootstrap(1);
    writePoint(database.node(0), "cpu,host=a value=1");

    var backup = database.node(0).volume().backup(Instant.parse("2026-08-01T00:00:00Z"));

    assertThat(new String(backup.get("wal/SEQUENCE"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("1\n1 cpu,host=a value=1\n");
  }

  private void join(SimulatedDatabase database, int ordinal) {
    if (!database.node(ordinal).isProcessRunning()) {
      database.start(ordinal);
    }
    int status = client.post(database.node(0), "/cluster/membership/add-node",
        "{\"node_id\":" + (ordinal + 1) + ",\"addr\":\"" + database.node(ordinal).clusterAddress() + "\"}")
        .statusCode();
    assertThat(status).isEqualTo(200);
  }

  private void writePoint(SimulatedNode node, String line) {
    assertThat(client.post(node, "/write?db=metrics", line).statusCode()).isEqualTo(204);
  }
}
