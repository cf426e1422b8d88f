package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core/v1 Events the operator records on its resources (clusters, backups, restores): one shape,
 * reported by the operator's component, with names unique within the process.
 */
public final class CoreEvents {

  private static final String COMPONENT = ClusterLabels.MANAGER;
  /** Process-wide, so two Events recorded in the same millisecond are never named alike. */
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private CoreEvents() {}

  /**
   * A new Event on {@code involved} (its namespace is the Event's).
   *
   * @param type {@code Normal} or {@code Warning}
   */
  public static Event of(ObjectReference involved, String type, String reason, String message, Instant now) {
    String timestamp = now.toString();
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(involved.getNamespace())
        .withName(involved.getName() + "." + Long.toHexString(now.toEpochMilli()) + "."
            + Long.toHexString(SEQUENCE.incrementAndGet()))
        .endMetadata()
        .withInvolvedObject(involved)
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(COMPONENT)
        .withAction(reason)
        .withFirstTimestamp(timestamp)
        .withLastTimestamp(timestamp)
        .withCount(1)
        .build();
  }
}
