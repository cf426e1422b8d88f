package cloud.hyperbyte.testkit.kube;

import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of a DELETE of one object the stock mock does not do as a real server does: the
 * {@code preconditions} of the DeleteOptions (a UID or resourceVersion that does not match is 409
 * Conflict), and an object with finalizers is only marked — {@code deletionTimestamp} now and
 * {@code deletionGracePeriodSeconds} 0 ({@code markAsDeleting} in
 * {@code staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go}) — and kept until its
 * last finalizer is removed. Deleting an object that is already marked changes nothing.
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
   * by finalizers); empty when the stock delete should run.
   */
  static Optional<MockResponse> held(Store store, Clock clock, String itemPath, String body) {
    ResourcePath target = ResourcePath.parse(itemPath);
    if (target.name() == null || target.subresource() != null) {
      return Optional.empty();
    }
    JsonNode live = store.current(itemPath);
    if (!(live instanceof ObjectNode object) || !(object.get("metadata") instanceof ObjectNode metadata)) {
      return Optional.empty();
    }
    JsonNode preconditions = preconditions(body);
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
    if (metadata.path("finalizers").isEmpty()) {
      return Optional.empty();
    }
    if (metadata.hasNonNull("deletionTimestamp")) {
      return Optional.of(new MockResponse().setResponseCode(200).setBody(Json.write(object)));
    }
    metadata.put("deletionTimestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    metadata.put("deletionGracePeriodSeconds", 0);
    return Optional.of(store.replace(itemPath, object));
  }

  private static JsonNode preconditions(String body) {
    if (body == null || body.isBlank()) {
      return Json.parse("{}");
    }
    try {
      return Json.parse(body).path("preconditions");
    } catch (JacksonException e) {
      return Json.parse("{}");
    }
  }
}
