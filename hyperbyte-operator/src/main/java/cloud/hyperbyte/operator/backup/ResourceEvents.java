package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.operator.kube.CoreEvents;
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

/** Records core/v1 Events on a backup or restore; a failed record is logged, never fatal. */
final class ResourceEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceEvents.class);

  private final KubernetesClient client;
  private final Clock clock;

  ResourceEvents(KubernetesClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
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
      client.v1().events().inNamespace(namespace).resource(body).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {} {}/{}: {}", event.reason(), involved.getKind(), namespace, name,
          e.getMessage());
    }
  }
}
