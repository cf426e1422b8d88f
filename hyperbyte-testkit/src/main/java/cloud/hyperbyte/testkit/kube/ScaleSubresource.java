package cloud.hyperbyte.testkit.kube;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /scale} subresource ({@code autoscaling/v1 Scale}), as {@code kubectl scale} and the
 * HorizontalPodAutoscaler use it: of custom resources whose CRD version declares {@code
 * subresources.scale} (mapped through its {@code specReplicasPath}, {@code statusReplicasPath} and
 * {@code labelSelectorPath}, as apiextensions-apiserver's {@code ScaleREST} does) and of
 * StatefulSets, Deployments and ReplicaSets. A write sets the replicas on the parent object and
 * stores it as an update of the parent, so it passes admission, bumps the generation and conflicts
 * (409) on a stale {@code resourceVersion} like any update; the answer is the parent's new Scale.
 * The writer becomes the owner of the replicas in the parent's {@code managedFields} (entry with
 * {@code subresource: scale}); an apply there conflicts with another owner unless forced.
 */
final class ScaleSubresource {

  /** The store the subresource reads and writes through. */
  interface Store {
    /** The stored object at an object path, or null. */
    JsonNode current(String itemPath);

    /** Stores {@code object} as an update (PUT) of the object at {@code itemPath}. */
    MockResponse update(String itemPath, ObjectNode object);
  }

  /** Where a kind keeps what its Scale shows. */
  private record Mapping(String specReplicasPath, String statusReplicasPath, Function<JsonNode, String> selector,
      boolean custom) {}

  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/";
  private static final Set<String> BUILT_IN = Set.of("statefulsets", "deployments", "replicasets");

  private final Store store;
  private final Supplier<String> now;

  ScaleSubresource(Store store, Supplier<String> now) {
    this.store = store;
    this.now = now;
  }

  static boolean targets(ResourcePath path) {
    return "scale".equals(path.subresource()) && path.name() != null;
  }

  /**
   * Answers a request to {@code …/NAME/scale}.
   *
   * @param method GET, PUT or PATCH
   * @param contentType the request's content type (PATCH)
   * @param query the query parameters ({@code fieldManager}, {@code force})
   * @param userAgent the client's user agent: the manager of an update without {@code fieldManager}
   */
  MockResponse handle(String method, String pathWithQuery, String contentType, String body, String userAgent) {
    String path = ApiPaths.withoutQuery(pathWithQuery);
    ResourcePath target = ResourcePath.parse(path);
    String itemPath = ApiPaths.collectionOf(path);
    Optional<Mapping> mapping = mapping(target);
    if (mapping.isEmpty()) {
      return StatusResponses.failure(404, "NotFound", "the server could not find the requested resource");
    }
    JsonNode parent = store.current(itemPath);
    if (!(parent instanceof ObjectNode live)) {
      return StatusResponses.failure(404, "NotFound",
          qualified(target) + " \"" + target.name() + "\" not found");
    }
    Mapping m = mapping.get();
    Map<String, String> query = ApiPaths.query(pathWithQuery);
    try {
      return switch (method) {
        case "GET" -> {
          if (valueAt(live, m.specReplicasPath()) == null) {
            yield StatusResponses.failure(500, "InternalError", "Internal error occurred: the spec replicas field \""
                + m.specReplicasPath() + "\" does not exist");
          }
          yield ok(scaleOf(live, m));
        }
        case "PUT" -> write(target, itemPath, live, m, (ObjectNode) Json.parse(body), manager(query, userAgent),
            "Update", false);
        case "PATCH" -> patch(target, itemPath, live, m, contentType, body, query, userAgent);
        default -> StatusResponses.failure(405, "MethodNotAllowed", method + " is not supported on /scale");
      };
    } catch (JacksonException | ClassCastException | IllegalArgumentException e) {
      return StatusResponses.failure(400, "BadRequest", e.getMessage());
    } catch (ObjectMerge.UnsupportedDirectiveException e) {
      return StatusResponses.failure(422, "Invalid", e.getMessage());
    } catch (JsonPatchException e) {
      return StatusResponses.failure(422, "Invalid", "the server rejected our request due to an error in our request: "
          + e.getMessage());
    }
  }

  private MockResponse patch(ResourcePath target, String itemPath, ObjectNode live, Mapping m, String contentType,
      String body, Map<String, String> query, String userAgent) {
    ObjectNode old = scaleOf(live, m);
    boolean replicasFound = valueAt(live, m.specReplicasPath()) != null;
    if (!replicasFound) {
      ((ObjectNode) old.get("spec")).remove("replicas");
    }
    String type = String.valueOf(contentType);
    if (type.startsWith("application/apply-patch")) {
      String manager = query.get("fieldManager");
      if (manager == null || manager.isEmpty()) {
        return StatusResponses.failure(400, "BadRequest",
            "PATCH requests with apply content type must have a fieldManager");
      }
      ObjectNode applied = Json.parseYaml(body);
      ObjectNode scale = old.deepCopy();
      if (applied.path("spec").has("replicas")) {
        ((ObjectNode) scale.get("spec")).set("replicas", applied.path("spec").get("replicas"));
      }
      JsonNode name = applied.path("metadata").get("name");
      if (name != null && !name.asText().equals(target.name())) {
        return StatusResponses.failure(400, "BadRequest", "the name of the object does not match the name on the URL");
      }
      return write(target, itemPath, live, m, scale, manager, "Apply", "true".equals(query.get("force")));
    }
    JsonNode patched;
    if (type.startsWith("application/merge-patch")) {
      patched = ObjectMerge.mergePatch(old, Json.parse(body));
    } else if (type.startsWith("application/strategic-merge-patch")) {
      patched = ObjectMerge.strategic(old, Json.parse(body));
    } else if (type.startsWith("application/json-patch")) {
      patched = JsonPatch.apply(Json.parse(body), old);
    } else {
      return StatusResponses.failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format");
    }
    if (!patched.path("spec").has("replicas")) {
      return StatusResponses.failure(400, "BadRequest", "the spec replicas field \"" + m.specReplicasPath()
          + "\" cannot be empty");
    }
    return write(target, itemPath, live, m, (ObjectNode) patched, manager(query, userAgent), "Update", false);
  }

  /** Stores the parent with the Scale's replicas as an update, then answers the parent's new Scale. */
  private MockResponse write(ResourcePath target, String itemPath, ObjectNode live, Mapping m, ObjectNode scale,
      String manager, String operation, boolean force) {
    JsonNode name = scale.path("metadata").get("name");
    if (name != null && !name.asText().isEmpty() && !name.asText().equals(target.name())) {
      return StatusResponses.failure(400, "BadRequest", "the name of the object (" + name.asText()
          + ") does not match the name on the URL (" + target.name() + ")");
    }
    long replicas = scale.path("spec").path("replicas").asLong(0);
    if (replicas < 0 && m.custom()) {
      // apiextensions' customResourceStrategy validates the replicas path of the custom resource
      return invalid(qualifiedKind(live), target.name(), m.specReplicasPath(), replicas,
          "should be a non-negative integer");
    }
    if (replicas < 0) {
      // autoscaling validation.ValidateScale, on the Scale of a built-in kind
      return invalid("Scale.autoscaling", target.name(), "spec.replicas", replicas,
          "must be greater than or equal to 0");
    }
    List<String> replicasField = fieldPath(m.specReplicasPath());
    ObjectNode updated = live.deepCopy();
    List<ServerSideApply.ManagedFieldsEntry> entries = ServerSideApply.ManagedFieldsEntry.read(live);
    List<String> conflicts = new ArrayList<>();
    JsonNode current = valueAt(live, m.specReplicasPath());
    for (ServerSideApply.ManagedFieldsEntry entry : entries) {
      boolean same = entry.manager().equals(manager) && entry.operation().equals(operation)
          && "scale".equals(entry.subresource());
      if (same || !entry.fields().contains(replicasField)) {
        continue;
      }
      if (operation.equals("Apply") && !force && (current == null || current.asLong() != replicas)) {
        conflicts.add("conflict with \"" + entry.manager() + "\": " + m.specReplicasPath());
      } else {
        entry.fields().remove(replicasField); // an update, or a forced apply, takes the field over
      }
    }
    if (!conflicts.isEmpty()) {
      return StatusResponses.failure(409, "Conflict", "Apply failed with " + conflicts.size() + " conflict"
          + (conflicts.size() == 1 ? "" : "s") + ": " + String.join(", ", conflicts));
    }
    setAt(updated, m.specReplicasPath(), replicas);
    List<ServerSideApply.ManagedFieldsEntry> kept = new ArrayList<>();
    for (ServerSideApply.ManagedFieldsEntry entry : entries) {
      boolean same = entry.manager().equals(manager) && entry.operation().equals(operation)
          && "scale".equals(entry.subresource());
      if (!same && !entry.fields().isEmpty()) {
        kept.add(entry);
      }
    }
    ObjectNode ownedFields = JsonNodeFactory.instance.objectNode();
    ObjectNode node = ownedFields;
    for (String token : replicasField) {
      node = node.putObject(token);
    }
    FieldSet owned = FieldSet.fromFieldsV1(ownedFields);
    kept.add(new ServerSideApply.ManagedFieldsEntry(manager, operation, live.path("apiVersion").asText(), now.get(),
        "scale", owned));
    ServerSideApply.ManagedFieldsEntry.write(updated, kept);
    String resourceVersion = scale.path("metadata").path("resourceVersion").asText("");
    if (!resourceVersion.isEmpty()) {
      // the client's precondition: the store answers 409 when the parent changed since
      ((ObjectNode) updated.get("metadata")).put("resourceVersion", resourceVersion);
    }
    MockResponse response = store.update(ApiPaths.withoutQuery(itemPath), updated);
    if (response.code() != 200) {
      return response;
    }
    return ok(scaleOf((ObjectNode) Json.parse(response.getBody().readUtf8()), m));
  }

  private Optional<Mapping> mapping(ResourcePath target) {
    if (target.group().equals("apps") && BUILT_IN.contains(target.resource())) {
      return Optional.of(new Mapping(".spec.replicas", ".status.replicas",
          object -> LabelSelectors.format(object.path("spec").path("selector")), false));
    }
    if (ApiPaths.isBuiltInGroup("/apis/" + target.group() + "/")) {
      return Optional.empty();
    }
    JsonNode crd = store.current(CRDS + target.resource() + "." + target.group());
    if (crd == null) {
      return Optional.empty();
    }
    for (JsonNode version : crd.path("spec").path("versions")) {
      JsonNode scale = version.path("subresources").path("scale");
      if (version.path("name").asText().equals(target.version()) && scale.isObject()) {
        String selectorPath = scale.path("labelSelectorPath").asText("");
        return Optional.of(new Mapping(scale.path("specReplicasPath").asText(),
            scale.path("statusReplicasPath").asText(),
            object -> selectorPath.isEmpty() ? "" : Optional.ofNullable(valueAt(object, selectorPath))
                .filter(JsonNode::isString).map(JsonNode::asText).orElse(""), true));
      }
    }
    return Optional.empty();
  }

  /** The Scale of {@code object}: its identity, and replicas and selector through the mapping. */
  private static ObjectNode scaleOf(JsonNode object, Mapping m) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode();
    scale.put("apiVersion", "autoscaling/v1");
    scale.put("kind", "Scale");
    ObjectNode metadata = scale.putObject("metadata");
    for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      JsonNode value = object.path("metadata").get(field);
      if (value != null) {
        metadata.set(field, value);
      }
    }
    JsonNode spec = valueAt(object, m.specReplicasPath());
    JsonNode status = valueAt(object, m.statusReplicasPath());
    scale.putObject("spec").put("replicas", spec == null ? 0 : spec.asLong());
    ObjectNode scaleStatus = scale.putObject("status");
    scaleStatus.put("replicas", status == null ? 0 : status.asLong());
    String selector = m.selector().apply(object);
    if (!selector.isEmpty()) {
      scaleStatus.put("selector", selector);
    }
    return scale;
  }

  private static MockResponse ok(ObjectNode scale) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(Json.write(scale));
  }

  private static MockResponse invalid(String kind, String name, String field, long value, String detail) {
    String cause = field + ": Invalid value: " + value + ": " + detail;
    MockResponse response = StatusResponses.failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + cause);
    ObjectNode status = (ObjectNode) Json.parse(response.getBody().readUtf8());
    ObjectNode details = status.putObject("details");
    details.put("name", name);
    details.put("kind", kind.substring(0, kind.indexOf('.') < 0 ? kind.length() : kind.indexOf('.')));
    details.putArray("causes").addObject().put("reason", "FieldValueInvalid").put("message", "Invalid value: " + value
        + ": " + detail).put("field", field);
    return response.setBody(Json.write(status));
  }

  private static String qualifiedKind(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return object.path("kind").asText() + (group.isEmpty() ? "" : "." + group);
  }

  private static String qualified(ResourcePath target) {
    return target.resource() + (target.group().isEmpty() ? "" : "." + target.group());
  }

  private static String manager(Map<String, String> query, String userAgent) {
    String manager = query.get("fieldManager");
    if (manager != null && !manager.isEmpty()) {
      return manager;
    }
    // the API server names an updater without fieldManager by its user agent's product
    return userAgent == null || userAgent.isEmpty() ? "unknown" : userAgent.split("/", 2)[0];
  }

  /** {@code .spec.replicas} as a managedFields path: {@code f:spec}, {@code f:replicas}. */
  private static List<String> fieldPath(String dottedPath) {
    return Arrays.stream(segments(dottedPath)).map(s -> "f:" + s).toList();
  }

  private static String[] segments(String dottedPath) {
    return dottedPath.replaceFirst("^\\.", "").split("\\.");
  }

  private static JsonNode valueAt(JsonNode object, String dottedPath) {
    JsonNode node = object;
    for (String segment : segments(dottedPath)) {
      node = node.get(segment);
      if (node == null || node.isNull()) {
        return null;
      }
    }
    return node;
  }

  private static void setAt(ObjectNode object, String dottedPath, long value) {
    String[] segments = segments(dottedPath);
    ObjectNode node = object;
    for (int i = 0; i < segments.length - 1; i++) {
      node = node.get(segments[i]) instanceof ObjectNode child ? child : node.putObject(segments[i]);
    }
    node.put(segments[segments.length - 1], value);
  }
}
