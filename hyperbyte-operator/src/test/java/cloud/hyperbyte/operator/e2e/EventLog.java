package cloud.hyperbyte.operator.e2e;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Events recorded on HyperbytedbClusters, in the order the API server received them (a watch
 * delivers in resourceVersion order), for "drained before removed" and "events emitted" checks.
 */
final class EventLog implements AutoCloseable {

  /** One Event as a test reads it. */
  record Recorded(String cluster, String type, String reason, String message) {}

  private final List<Recorded> events = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<Event> informer;

  EventLog(KubernetesClient observer) {
    informer = observer.v1().events().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Event event) {
        if ("HyperbytedbCluster".equals(event.getInvolvedObject().getKind())) {
          events.add(new Recorded(event.getInvolvedObject().getName(), event.getType(), event.getReason(),
              event.getMessage()));
        }
      }

      @Override
      public void onUpdate(Event old, Event event) {
        if (!old.getMetadata().getResourceVersion().equals(event.getMetadata().getResourceVersion())) {
          onAdd(event); // a repeated event counted up
        }
      }

      @Override
      public void onDelete(Event event, boolean unknown) {
      }
    });
  }

  /** Events of {@code cluster}, oldest first. */
  List<Recorded> of(String cluster) {
    return events.stream().filter(e -> e.cluster().equals(cluster)).toList();
  }

  /** Reasons of {@code cluster}'s events, oldest first. */
  List<String> reasons(String cluster) {
    return of(cluster).stream().map(Recorded::reason).toList();
  }

  /** Events of {@code cluster} with {@code reason}. */
  List<Recorded> withReason(String cluster, String reason) {
    return of(cluster).stream().filter(e -> e.reason().equals(reason)).toList();
  }

  @Override
  public void close() {
    informer.close();
  }
}
