package cloud.hyperbyte.testkit.kube;

import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of a DELETE of one object the stock mock does not do as a real server does
 * ({@code Store.Delete} and {@code rest.BeforeDelete} in {@code staging/src/k8s.io/apiserver/pkg/registry/},
 * the pod strategy's {@code CheckGracefulDelete} in {@code pkg/registry/core/pod/strategy.go}):
 * <ul>
 *   <li>the {@code preconditions} of the DeleteOptions (a UID or resourceVersion that does not match
 *       is 409 Conflict);</li>
 *   <li>a pod is deleted gracefully: {@code deletionTimestamp} = now + the grace period and
 *       {@code deletionGracePeriodSeconds}, the object stays (Terminating) until its kubelet deletes it
 *       again with grace period 0. The grace period is the DeleteOptions' {@code gracePeriodSeconds},
 *       else the pod's {@code terminationGracePeriodSeconds} (30 when absent, the API default); 0 for a
 *       pod never scheduled (no {@code nodeName}) or already Succeeded or Failed; a negative one is 1;</li>
 *   <li>a second delete of a Terminating pod may only shorten its grace period (the deletion timestamp
 *       moves with it); 0 removes it at once (unless finalizers hold it);</li>
 *   <li>an object with finalizers is only marked ({@code deletionGracePeriodSeconds} 0 unless a
 *       graceful deletion set more) and kept until its last finalizer is removed.</li>
 * </ul>
 */
final class Deletion {

  /** The store operations a deletion needs. */
  interface Store {
    JsonNode current(String itemPath);

    /** Stores {@code object} at {@code itemPath} as the stock PUT does, without admission. */
    MockResponse replace(String itemPath, ObjectNode object);
  }

  private Deletion() {}

  /**
   * The answer when the delete must not go to the stock store (refused by a precondition, or held
   * by a grace period or finalizers); empty when the stock delete should run.
   */
  static Optional<MockResponse> held(Store store, Clock clock, String itemPath, Map<String, String> query, String body) {
    ResourcePath target = ResourcePath.parse(itemPath);
    if (target.name() == null || target.subresource() != null) {
      return Optional.empty();
    }
    JsonNode live = store.current(itemPath);
    if (!(live instanceof ObjectNode object) || !(object.get("metadata") instanceof ObjectNode metadata)) {
      return Optional.empty();
    }
    JsonNode options = options(body);
    JsonNode preconditions = options.path("preconditions");
    for (String field : new String[] {"uid", "resourceVersion"}) {
      String expected = preconditions.path(field).asString("");
      String actual = metadata.path(field).asString("");
      if (!expected.isEmpty() && !expected.equals(actual)) {
        String name = field.equals("uid") ? "UID" : "ResourceVersion";
        return Optional.of(StatusResponses.failure(409, "Conflict", "Operation cannot be fulfilled on "
            + target.resource() + (target.group().isEmpty() ? "" : "." + target.group()) + " \"" + target.name()
            + "\": Precondition failed: " + name + " in precondition: " + expected + ", " + name
            + " in object meta: " + actual));
      }
    }
    boolean finalizers = !metadata.path("finalizers").isEmpty();
    Long requested = requestedGracePeriod(options, query);
    if (metadata.hasNonNull("deletionTimestamp")) {
      return again(store, itemPath, object, metadata, requested, finalizers);
    }
    long grace = isPod(target) ? podGracePeriod(object, requested) : 0;
    if (grace == 0 && !finalizers) {
      return Optional.empty();
    }
    metadata.put("deletionTimestamp", timestamp(Instant.now(clock).plusSeconds(grace)));
    metadata.put("deletionGracePeriodSeconds", grace);
    return Optional.of(store.replace(itemPath, object));
  }

  /** A delete of an object already being deleted: it may only shorten a pending grace period. */
  private static Optional<MockResponse> again(Store store, String itemPath, ObjectNode object, ObjectNode metadata,
      Long requested, boolean finalizers) {
    long pending = metadata.path("deletionGracePeriodSeconds").asLong(0);
    if (pending == 0) {
      // held by finalizers only
      return finalizers ? Optional.of(ok(object)) : Optional.empty();
    }
    if (requested == null || requested >= pending) {
      return Optional.of(ok(object));
    }
    long shorter = Math.max(requested, 0);
    if (shorter == 0 && !finalizers) {
      return Optional.empty();
    }
    Instant start = Instant.parse(metadata.path("deletionTimestamp").asString()).minusSeconds(pending);
    metadata.put("deletionTimestamp", timestamp(start.plusSeconds(shorter)));
    metadata.put("deletionGracePeriodSeconds", shorter);
    return Optional.of(store.replace(itemPath, object));
  }

  /** {@code CheckGracefulDelete} of the pod strategy. */
  private static long podGracePeriod(ObjectNode pod, Long requested) {
    long period = requested != null ? requested
        : pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    if (pod.path("spec").path("nodeName").asString("").isEmpty()) {
      period = 0; // never scheduled: nothing runs it
    }
    String phase = pod.path("status").path("phase").asString("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      period = 0; // nothing left to stop
    }
    return period < 0 ? 1 : period;
  }

  private static boolean isPod(ResourcePath target) {
    return target.group().isEmpty() && "pods".equals(target.resource());
  }

  private static Long requestedGracePeriod(JsonNode options, Map<String, String> query) {
    if (options.path("gracePeriodSeconds").isNumber()) {
      return options.path("gracePeriodSeconds").asLong();
    }
    String fromQuery = query.get("gracePeriodSeconds");
    if (fromQuery != null) {
      try {
        return Long.parseLong(fromQuery);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static MockResponse ok(ObjectNode object) {
    return new MockResponse().setResponseCode(200).setBody(Json.write(object));
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static JsonNode options(String body) {
    if (body == null || body.isBlank()) {
      return Json.parse("{}");
    }
    try {
      return Json.parse(body);
    } catch (JacksonException e) {
      return Json.parse("{}");
    }
  }
}
