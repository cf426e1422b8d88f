package cloud.hyperbyte.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OwnStatusRetryTest {

  private static final ResourceKey DB = new ResourceKey(ResourceKind.CLUSTER, "ns", "db");
  private static final ResourceKey OTHER = new ResourceKey(ResourceKind.CLUSTER, "ns", "other");

  private final OwnStatusRetry retry = new OwnStatusRetry();

  @Test
  void aCacheThatStaysStaleIsLookedAtLessOftenUpToEveryTwoSeconds() {
    assertThat(retry.stillStale(DB)).isEqualTo(Duration.ofMillis(250));
    assertThat(retry.stillStale(DB)).isEqualTo(Duration.ofMillis(500));
    assertThat(retry.stillStale(DB)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry.stillStale(DB)).isEqualTo(Duration.ofSeconds(2));
    assertThat(retry.stillStale(DB)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void onceTheCacheCaughtUpTheNextWaitIsShortAgain() {
    retry.stillStale(DB);
    retry.stillStale(DB);
    retry.caughtUp(DB);
    assertThat(retry.stillStale(DB)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void eachClusterWaitsByItsOwnCount() {
    retry.stillStale(DB);
    retry.stillStale(DB);
    assertThat(retry.stillStale(OTHER)).isEqualTo(Duration.ofMillis(250));
  }
}
