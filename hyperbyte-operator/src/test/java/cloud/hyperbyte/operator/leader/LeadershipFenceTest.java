package cloud.hyperbyte.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.reconcile.port.FencedException;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LeadershipFenceTest {

  private static final Instant RENEWED = Instant.parse("2026-12-01T10:00:00Z");
  private static final LeaseSettings DEFAULTS = LeaseSettings.withDefaultTimings("operators", "lease", "pod-a");

  private final ShiftableClock clock = ShiftableClock.at(RENEWED);
  private final LeadershipFence fence = new LeadershipFence(clock);
  private final StoringLock lease = new StoringLock();
  private final Lock lock = new RenewalRecordingLock(lease, fence, DEFAULTS.fenceValidity());

  private static LeaderElectionRecord record(String holder, Instant renewTime) {
    ZonedDateTime at = renewTime.atZone(ZoneOffset.UTC);
    return new LeaderElectionRecord(holder, Duration.ofSeconds(15), at, at, 0);
  }

  @Test
  void theDefaultTimingsLeaveSevenSecondsBetweenTheFenceClosingAndTheEarliestTakeover() {
    assertThat(DEFAULTS.fenceValidity()).isEqualTo(Duration.ofSeconds(8));
    assertThat(DEFAULTS.fenceMargin()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aFenceNeverOpenedRefusesEverything() {
    assertThatThrownBy(() -> fence.check("apply StatefulSet db")).isInstanceOf(FencedException.class)
        .hasMessageContaining("does not lead");
    assertThat(fence.refusals()).isEqualTo(1);
  }

  @Test
  void aStoredRenewalOpensTheFenceUntilItsRenewTimePlusTheValidity() {
    lock.update(null, record("pod-a", RENEWED));

    clock.advance(Duration.ofMillis(7_999));
    assertThatCode(() -> fence.check("drain db-2")).doesNotThrowAnyException();

    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> fence.check("drain db-2")).isInstanceOf(FencedException.class)
        .hasMessageContaining("leadership unconfirmed since 2026-12-01T10:00:08Z");
  }

  @Test
  void withoutFurtherRenewalsTheFenceClosesOnTimeAloneBeforeAnyoneCanTakeTheLeaseOver() {
    lock.update(null, record("pod-a", RENEWED));
    Instant earliestTakeover = RENEWED.plus(DEFAULTS.leaseDuration());

    clock.advance(DEFAULTS.fenceValidity());

    assertThatThrownBy(() -> fence.check("remove-node 3")).isInstanceOf(FencedException.class);
    assertThat(fence.openUntil()).isBefore(earliestTakeover.minus(DEFAULTS.fenceMargin()).plusMillis(1));
  }

  @Test
  void aRenewalTheServerRefusedDoesNotMoveTheFence() {
    lock.update(null, record("pod-a", RENEWED));
    lease.refuse = true;

    assertThatThrownBy(() -> lock.update(null, record("pod-a", RENEWED.plusSeconds(2))))
        .isInstanceOf(KubernetesClientException.class);

    assertThat(fence.openUntil()).isEqualTo(RENEWED.plusSeconds(8));
  }

  @Test
  void releasingTheLeaseClosesTheFenceAtOnce() {
    lock.update(null, record("pod-a", RENEWED));

    lock.update(null, record(null, RENEWED.plusSeconds(1)));

    assertThatThrownBy(() -> fence.check("exclude 10.0.0.3")).isInstanceOf(FencedException.class);
  }

  @Test
  void withoutElectionTheFenceIsOpenUntilClosed() {
    fence.openWithoutLease();
    clock.advance(Duration.ofDays(400));
    assertThatCode(() -> fence.check("apply")).doesNotThrowAnyException();

    fence.close();
    assertThatThrownBy(() -> fence.check("apply")).isInstanceOf(FencedException.class);
  }

  /** A Lease lock that stores records in memory, or refuses them as a failing API server would. */
  private static final class StoringLock implements Lock {
    boolean refuse;
    LeaderElectionRecord stored;

    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
      return stored;
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
      update(client, record);
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
      if (refuse) {
        throw new KubernetesClientException("the server is currently unable to handle the request", 503, null);
      }
      stored = record;
    }

    @Override
    public String identity() {
      return "pod-a";
    }

    @Override
    public String describe() {
      return "operators/lease";
    }
  }
}
