package cloud.hyperbyte.operator.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The Events recorded on HyperbytedbClusters, for "drained before removed" and "events emitted"
 * checks. Each question is a fresh list from the API, in the order the API server stored the Events
 * (resourceVersion; a repeat within 10 minutes raises the count of the first Event instead, which
 * moves that Event to the repeat's place), so a check sees every
 * Event written before it — a watch could still be behind.
 */
final class EventLog {

  /** One Event as a test reads it. */
  record Recorded(String cluster, String type, String reason, String message) {}

  private final KubernetesClient observer;

  EventLog(KubernetesClient observer) {
    this.observer = observer;
  }

  /** Events of {@code cluster}, oldest first, each repeated as often as it was counted. */
  List<Recorded> of(String cluster) {
    return observer.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> "HyperbytedbCluster".equals(e.getInvolvedObject().getKind())
            && cluster.equals(e.getInvolvedObject().getName()))
        .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        // an Event counted n times (EventRecorder) stands for n occurrences
        .flatMap(e -> Collections.nCopies(e.getCount() == null ? 1 : Math.max(1, e.getCount()),
            new Recorded(e.getInvolvedObject().getName(), e.getType(), e.getReason(), e.getMessage())).stream())
        .toList();
  }

  /** How often each Event of a cluster had been counted at one moment. */
  record Mark(java.util.Map<String, Integer> counts) {}

  /** The Events of {@code cluster} as they stand now, to read what happens after with {@link #since}. */
  Mark mark(String cluster) {
    return new Mark(listed(cluster).stream().collect(java.util.stream.Collectors.toMap(
        e -> e.getMetadata().getName(), EventLog::count)));
  }

  /**
   * The occurrences of {@code cluster}'s Events after {@code mark}, in the order the API server last
   * stored them: a new Event once per count, a repeat of an earlier one (its count raised) at the
   * repeat's place, as often as it was counted since.
   */
  List<Recorded> since(String cluster, Mark mark) {
    return listed(cluster).stream()
        .flatMap(e -> Collections.nCopies(Math.max(0, count(e) - mark.counts().getOrDefault(e.getMetadata().getName(), 0)),
            new Recorded(e.getInvolvedObject().getName(), e.getType(), e.getReason(), e.getMessage())).stream())
        .toList();
  }

  private List<io.fabric8.kubernetes.api.model.Event> listed(String cluster) {
    return observer.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> "HyperbytedbCluster".equals(e.getInvolvedObject().getKind())
            && cluster.equals(e.getInvolvedObject().getName()))
        .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .toList();
  }

  private static int count(io.fabric8.kubernetes.api.model.Event event) {
    return event.getCount() == null ? 1 : Math.max(1, event.getCount());
  }

  /** Reasons of {@code cluster}'s events, oldest first. */
  List<String> reasons(String cluster) {
    return of(cluster).stream().map(Recorded::reason).toList();
  }

  /** Events of {@code cluster} with {@code reason}. */
  List<Recorded> withReason(String cluster, String reason) {
    return of(cluster).stream().filter(e -> e.reason().equals(reason)).toList();
  }

  /**
   * The drain and removal events after the first {@code skip} events of {@code cluster}, as
   * "reason pod" (e.g. {@code "MemberDraining hdb-4"}).
   */
  List<String> memberActions(String cluster, int skip) {
    return of(cluster).stream().skip(skip)
        .filter(e -> e.reason().equals("MemberDraining") || e.reason().equals("MemberRemoved"))
        .map(e -> e.reason() + " " + e.message().substring(0, e.message().indexOf(':')))
        .toList();
  }
}
