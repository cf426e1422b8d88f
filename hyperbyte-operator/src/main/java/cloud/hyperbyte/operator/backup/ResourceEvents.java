package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.operator.kube.CoreEvents;
import cloud.hyperbyte.operator.kube.EventRecorder;
import cloud.hyperbyte.reconcile.backup.ResourceEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events on a backup or restore (a repeat within 10 minutes is counted on the Event
 * before, {@link EventRecorder}); a failed record is logged, never fatal.
 */
final class ResourceEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceEvents.class);

  private final Clock clock;
  private final EventRecorder recorder;

  ResourceEvents(KubernetesClient client, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.recorder = new EventRecorder(Objects.requireNonNull(client, "client"));
  }

  void record(HasMetadata involved, ResourceEvent event) {
    String namespace = involved.getMetadata().getNamespace();
    String name = involved.getMetadata().getName();
    Event body = CoreEvents.of(new ObjectReferenceBuilder()
            .withApiVersion(involved.getApiVersion())
            .withKind(involved.getKind())
            .withNamespace(namespace)
            .withName(name)
            .withUid(involved.getMetadata().getUid())
            .build(),
        event.type(), event.reason(), event.message(), clock.instant());
    try {
      recorder.record(body, clock.instant());
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {} {}/{}: {}", event.reason(), involved.getKind(), namespace, name,
          e.getMessage());
    }
  }
}
