package cloud.hyperbyte.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.tls.CertificateExpiry;
import cloud.hyperbyte.reconcile.tls.MemberCertificate;
import cloud.hyperbyte.reconcile.tls.RenewalBlocked;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateExpiryStatusTest {

  private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2026-05-30T00:00:00Z");

  private static HyperbytedbClusterStatus derived() {
    MemberStatus member = new MemberStatus();
    member.setName("db-0");
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setMembers(List.of(member));
    return status;
  }

  private static HyperbytedbClusterStatus written(CertificateExpiry expiry, HyperbytedbClusterStatus last) {
    HyperbytedbClusterStatus status = derived();
    CertificateExpiryStatus.apply(status, expiry, true, ClusterConditions.of(last), 1, NOW);
    return status;
  }

  private static CertificateExpiry blocked(String reason) {
    return new CertificateExpiry(List.of(new MemberCertificate(0, "db-0", NOT_AFTER)),
        List.of(new RenewalBlocked(reason, "db-0", "what to do")), Optional.empty());
  }

  private static final CertificateExpiry ON_TRACK =
      new CertificateExpiry(List.of(new MemberCertificate(0, "db-0", NOT_AFTER)), List.of(), Optional.empty());

  private static Condition condition(HyperbytedbClusterStatus status) {
    return status.getConditions().stream().filter(c -> c.getType().equals(CertificateExpiryStatus.TYPE)).findFirst()
        .orElseThrow();
  }

  @Test
  void givenAnExpiryExpectItOnTheMemberAndTheConditionTrueWhileRenewalsAreOnTrack() {
    HyperbytedbClusterStatus status = written(ON_TRACK, new HyperbytedbClusterStatus());

    assertThat(status.getMembers().get(0).getCertificateNotAfter()).isEqualTo("2026-05-30T00:00:00Z");
    assertThat(condition(status).getStatus()).isEqualTo("True");
    assertThat(CertificateExpiryStatus.transition(new HyperbytedbClusterStatus(), status)).isEmpty();
  }

  @Test
  void givenABlockedRenewalExpectOneWarningWhenItStartsAndAnotherOnlyWhenTheReasonChanges() {
    HyperbytedbClusterStatus onTrack = written(ON_TRACK, new HyperbytedbClusterStatus());
    HyperbytedbClusterStatus paused = written(blocked(RenewalBlocked.PAUSED), onTrack);
    HyperbytedbClusterStatus stillPaused = written(blocked(RenewalBlocked.PAUSED), paused);
    HyperbytedbClusterStatus userSecret = written(blocked(RenewalBlocked.USER_SECRET_EXPIRING), stillPaused);

    assertThat(condition(paused).getStatus()).isEqualTo("False");
    assertThat(condition(paused).getMessage()).isEqualTo("db-0: what to do");
    assertThat(CertificateExpiryStatus.transition(onTrack, paused)).hasValueSatisfying(event -> {
      assertThat(event.type()).isEqualTo(ClusterEvent.Type.WARNING);
      assertThat(event.reason()).isEqualTo(RenewalBlocked.PAUSED);
    });
    assertThat(CertificateExpiryStatus.transition(paused, stillPaused)).isEmpty();
    assertThat(CertificateExpiryStatus.transition(stillPaused, userSecret))
        .hasValueSatisfying(event -> assertThat(event.reason()).isEqualTo(RenewalBlocked.USER_SECRET_EXPIRING));
  }

  @Test
  void givenTlsOffExpectNoCondition() {
    HyperbytedbClusterStatus status = derived();
    CertificateExpiryStatus.apply(status, CertificateExpiry.none(), false, List.of(), 1, NOW);

    assertThat(status.getConditions()).isNull();
    assertThat(status.getMembers().get(0).getCertificateNotAfter()).isNull();
  }
}
