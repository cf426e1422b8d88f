package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.backup.ResourceEvent;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records core/v1 Events on a backup or restore; a failed record is logged, never fatal. */
final class ResourceEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceEvents.class);
  private static final String COMPONENT = ClusterLabels.MANAGER;

  private final KubernetesClient client;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  ResourceEvents(KubernetesClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  void record(HasMetadata involved, ResourceEvent event) {
    Instant now = clock.instant();
    String namespace = involved.getMetadata().getNamespace();
    String name = involved.getMetadata().getName();
    String timestamp = now.toString();
    Event body = new EventBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name + "." + Long.toHexString(now.toEpochMilli()) + Long.toHexString(sequence.incrementAndGet()))
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(involved.getApiVersion())
        .withKind(involved.getKind())
        .withNamespace(namespace)
        .withName(name)
        .withUid(involved.getMetadata().getUid())
        .endInvolvedObject()
        .withType(event.type())
        .withReason(event.reason())
        .withMessage(event.message())
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(COMPONENT)
        .withAction(event.reason())
        .withFirstTimestamp(timestamp)
        .withLastTimestamp(timestamp)
        .withCount(1)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(body).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {} {}/{}: {}", event.reason(), involved.getKind(), namespace, name,
          e.getMessage());
    }
  }
}
