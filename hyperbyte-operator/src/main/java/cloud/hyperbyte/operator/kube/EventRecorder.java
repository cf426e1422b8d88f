package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Records core/v1 Events as client-go's event correlator does: an Event like one this process
 * recorded within the last 10 minutes (same object, type, reason and message) raises that Event's
 * {@code count} and {@code lastTimestamp} with a patch instead of creating another object, so a
 * condition repeated on every pass (a refused change, a failing backup) leaves one Event, not one per
 * pass. Remembers the last 4,096 distinct Events, as client-go's cache does.
 */
public final class EventRecorder {

  /** How the Event was written. */
  public enum Write { CREATED, COUNTED }

  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final int REMEMBERED = 4096;

  private final KubernetesClient client;
  private final Map<String, Recorded> recent = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
      return size() > REMEMBERED;
    }
  };

  private record Recorded(String name, int count, Instant last) {}

  public EventRecorder(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Creates {@code event} ({@link CoreEvents#of}), or counts it on the like Event recorded before.
   *
   * @throws KubernetesClientException when the API refuses the write
   */
  public Write record(Event event, Instant now) {
    String key = keyOf(event);
    String namespace = event.getMetadata().getNamespace();
    Recorded before;
    synchronized (recent) {
      before = recent.get(key);
    }
    if (before != null && now.isBefore(before.last().plus(WINDOW))) {
      int count = before.count() + 1;
      try {
        client.v1().events().inNamespace(namespace).withName(before.name()).patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
        remember(key, new Recorded(before.name(), count, now));
        return Write.COUNTED;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
        // the Event expired (the API server keeps them an hour): record a new one
      }
    }
    client.v1().events().inNamespace(namespace).resource(event).create();
    remember(key, new Recorded(event.getMetadata().getName(), 1, now));
    return Write.CREATED;
  }

  private void remember(String key, Recorded recorded) {
    synchronized (recent) {
      recent.put(key, recorded);
    }
  }

  private static String keyOf(Event event) {
    ObjectReference involved = event.getInvolvedObject();
    return String.join("\u0000", event.getMetadata().getNamespace(), involved.getKind(), involved.getName(),
        String.valueOf(involved.getUid()), event.getType(), event.getReason(), event.getMessage());
  }
}
