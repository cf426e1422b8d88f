package cloud.hyperbyte.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.tls.TlsMaterial;
import cloud.hyperbyte.reconcile.tls.TlsState;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsReadyConditionTest {

  private static final Instant EARLIER = Instant.parse("2026-11-20T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private static TlsMaterial material(TlsState state, String reason, String message) {
    return new TlsMaterial(List.of(), Optional.empty(), state, reason, message, Optional.empty());
  }

  @Test
  void waitingForCertManagerIsFalseWithTheDecisionsReasonAndMessage() {
    Condition condition = TlsReadyCondition.of(
        material(TlsState.WAITING, "WaitingForCertManager", "cert-manager has not issued db-tls yet"), List.of(), 4, NOW);

    assertThat(condition.getType()).isEqualTo("TlsReady");
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("WaitingForCertManager");
    assertThat(condition.getMessage()).isEqualTo("cert-manager has not issued db-tls yet");
    assertThat(condition.getObservedGeneration()).isEqualTo(4);
  }

  @Test
  void readyAndDisabledAreTrueAndKeepTheirTransitionTimeWhileTheyStaySo() {
    Condition before = TlsReadyCondition.of(material(TlsState.READY, "Issued", "ok"), List.of(), 1, EARLIER);

    Condition still = TlsReadyCondition.of(material(TlsState.DISABLED, "TlsDisabled", "TLS is off"),
        List.of(before), 2, NOW);

    assertThat(still.getStatus()).isEqualTo("True");
    assertThat(still.getLastTransitionTime()).isEqualTo(EARLIER.toString());
  }

  @Test
  void anInvalidUserSecretFlipsItAndMovesTheTransitionTime() {
    Condition before = TlsReadyCondition.of(material(TlsState.READY, "Issued", "ok"), List.of(), 1, EARLIER);

    Condition flipped = TlsReadyCondition.of(material(TlsState.INVALID, "InvalidTlsSecret", "tls.key does not match"),
        List.of(before), 2, NOW);

    assertThat(flipped.getStatus()).isEqualTo("False");
    assertThat(flipped.getLastTransitionTime()).isEqualTo(NOW.toString());
  }
}
