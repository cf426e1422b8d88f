package cloud.hyperbyte.testkit.db;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;

/** A database on a manual clock, closed after each test. */
abstract class SimulatedDatabaseFixture {

  static final Instant START = Instant.parse("2026-08-01T00:00:00Z");

  final ManualTime time = SimulatedTime.manual(START);
  final NodeClient client = new NodeClient();
  private SimulatedDatabase database;

  SimulatedDatabase database(DatabaseOptions options) {
    database = SimulatedDatabase.create(options, time);
    return database;
  }

  SimulatedDatabase database() {
    return database(DatabaseOptions.defaults("hdb", "prod"));
  }

  void advance(Duration duration) {
    time.advance(duration);
  }

  void write(SimulatedNode node, int times) {
    for (int i = 0; i < times; i++) {
      int status = client.post(node, "/write?db=metrics", "cpu value=1").statusCode();
      if (status != 204) {
        throw new AssertionError("write answered " + status);
      }
    }
  }

  @AfterEach
  void closeDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
