package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events are aggregated as client-go's correlator aggregates them: a repeat is a count, not a new object. */
class EventRecorderTest {

  private static final Instant T0 = Instant.parse("2026-08-01T10:00:00Z");
  private static final ObjectReference CLUSTER = new ObjectReferenceBuilder().withApiVersion("v1")
      .withKind("HyperbytedbCluster").withNamespace("prod").withName("db").withUid("uid-1").build();

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();
  private final KubernetesClient client = kube.client();
  private final EventRecorder recorder = new EventRecorder(client);

  @AfterEach
  void stop() {
    kube.close();
  }

  @Test
  void aRepeatWithinTenMinutesRaisesTheCountAndLastTimestampOfTheFirstEvent() {
    assertThat(recorder.record(warning("ChangeRefused", "StatefulSet db: immutable"), T0))
        .isEqualTo(EventRecorder.Write.CREATED);
    assertThat(recorder.record(warning("ChangeRefused", "StatefulSet db: immutable"), T0.plusSeconds(30)))
        .isEqualTo(EventRecorder.Write.COUNTED);
    recorder.record(warning("ChangeRefused", "StatefulSet db: immutable"), T0.plus(Duration.ofMinutes(9)));

    List<Event> events = events();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getCount()).isEqualTo(3);
    assertThat(events.get(0).getFirstTimestamp()).isEqualTo(T0.toString());
    assertThat(events.get(0).getLastTimestamp()).isEqualTo(T0.plus(Duration.ofMinutes(9)).toString());
  }

  @Test
  void anotherReasonOrMessageIsAnotherEvent() {
    recorder.record(warning("ChangeRefused", "StatefulSet db: immutable"), T0);
    recorder.record(warning("ChangeRefused", "Service db: immutable"), T0.plusSeconds(1));
    recorder.record(warning("CrdNotInstalled", "StatefulSet db: immutable"), T0.plusSeconds(2));

    assertThat(events()).hasSize(3).allSatisfy(e -> assertThat(e.getCount()).isEqualTo(1));
  }

  @Test
  void aRepeatAfterTenMinutesQuietIsANewEvent() {
    recorder.record(warning("ChangeRefused", "StatefulSet db: immutable"), T0);
    recorder.record(warning("ChangeRefused", "StatefulSet db: immutable"), T0.plus(Duration.ofMinutes(10)));

    assertThat(events()).hasSize(2);
  }

  @Test
  void aRepeatOfAnEventThatIsGoneIsRecordedAgain() {
    recorder.record(warning("ChangeRefused", "StatefulSet db: immutable"), T0);
    client.v1().events().inNamespace("prod").delete(); // expired: the API server keeps Events an hour

    assertThat(recorder.record(warning("ChangeRefused", "StatefulSet db: immutable"), T0.plusSeconds(5)))
        .isEqualTo(EventRecorder.Write.CREATED);
    assertThat(events()).hasSize(1);
  }

  private static Event warning(String reason, String message) {
    return CoreEvents.of(CLUSTER, "Warning", reason, message, T0);
  }

  private List<Event> events() {
    return client.v1().events().inNamespace("prod").list().getItems();
  }
}
