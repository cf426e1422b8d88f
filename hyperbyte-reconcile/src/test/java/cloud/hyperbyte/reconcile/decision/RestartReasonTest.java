package cloud.hyperbyte.reconcile.decision;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.snapshot.TemplateInputs;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestartReasonTest {

  private static final TemplateInputs RUNNING = new TemplateInputs(Optional.of("hyperbytedb:0.8.5"),
      Optional.of("config-1"), Optional.of("cert-1"), Optional.empty());

  private static Set<RestartReason> into(TemplateInputs target) {
    return RestartReason.between(RUNNING, target);
  }

  @Test
  void aNewImageIsAVersionChange() {
    assertThat(into(new TemplateInputs(Optional.of("hyperbytedb:0.8.6"), RUNNING.configHash(),
        RUNNING.certificateHash(), RUNNING.restartedAt()))).containsExactly(RestartReason.VERSION);
  }

  @Test
  void aNewConfigHashIsAConfigChange() {
    assertThat(into(new TemplateInputs(RUNNING.image(), Optional.of("config-2"), RUNNING.certificateHash(),
        RUNNING.restartedAt()))).containsExactly(RestartReason.CONFIG);
  }

  @Test
  void aNewCertificateHashIsACertificateChange() {
    assertThat(into(new TemplateInputs(RUNNING.image(), RUNNING.configHash(), Optional.of("cert-2"),
        RUNNING.restartedAt()))).containsExactly(RestartReason.CERTIFICATE);
  }

  @Test
  void aRestartedAtValueSetChangedOrRemovedIsARequest() {
    TemplateInputs requested = new TemplateInputs(RUNNING.image(), RUNNING.configHash(), RUNNING.certificateHash(),
        Optional.of("2026-12-07T07:00:00Z"));
    TemplateInputs requestedAgain = new TemplateInputs(RUNNING.image(), RUNNING.configHash(),
        RUNNING.certificateHash(), Optional.of("2026-12-07T08:00:00Z"));

    assertThat(into(requested)).containsExactly(RestartReason.REQUEST);
    assertThat(RestartReason.between(requested, requestedAgain)).containsExactly(RestartReason.REQUEST);
    assertThat(RestartReason.between(requested, RUNNING)).containsExactly(RestartReason.REQUEST);
  }

  @Test
  void aPodTheGoOperatorMadeRestartsForAdoptionAlone() {
    TemplateInputs goPod = new TemplateInputs(Optional.of("hyperbytedb:latest"), Optional.of("go-hash"),
        Optional.empty(), Optional.empty(), true);

    assertThat(RestartReason.between(goPod, RUNNING)).containsExactly(RestartReason.ADOPTION);
  }

  @Test
  void theGoOperatorsInitContainerMarksItsPods() {
    var goSpec = new io.fabric8.kubernetes.api.model.PodSpecBuilder()
        .addNewInitContainer().withName(TemplateInputs.GO_OPERATOR_INIT_CONTAINER).endInitContainer()
        .addNewContainer().withName("hyperbytedb").withImage("hyperbytedb:latest").endContainer().build();
    var ourSpec = new io.fabric8.kubernetes.api.model.PodSpecBuilder()
        .addNewContainer().withName("hyperbytedb").withImage("hyperbytedb:0.8.5").endContainer().build();

    assertThat(TemplateInputs.of(null, goSpec).goOperatorPod()).isTrue();
    assertThat(TemplateInputs.of(null, ourSpec).goOperatorPod()).isFalse();
  }

  @Test
  void severalChangesAreAllNamed() {
    assertThat(into(new TemplateInputs(Optional.of("hyperbytedb:0.8.6"), Optional.of("config-2"),
        RUNNING.certificateHash(), Optional.of("now")))).containsExactly(
        RestartReason.VERSION, RestartReason.CONFIG, RestartReason.REQUEST);
  }

  @Test
  void aChangeOutsideTheInputsOrAnUnobservedPodIsATemplateChange() {
    assertThat(into(RUNNING)).containsExactly(RestartReason.TEMPLATE);
    assertThat(RestartReason.between(TemplateInputs.UNKNOWN, RUNNING)).containsExactly(RestartReason.TEMPLATE);
  }

  @Test
  void theDescriptionNamesTheReasonsInTheirOrder() {
    assertThat(RestartReason.describe(Set.of(RestartReason.REQUEST))).isEqualTo("reason: request");
    assertThat(RestartReason.describe(EnumSet.of(RestartReason.REQUEST, RestartReason.VERSION)))
        .isEqualTo("reasons: version, request");
  }
}
