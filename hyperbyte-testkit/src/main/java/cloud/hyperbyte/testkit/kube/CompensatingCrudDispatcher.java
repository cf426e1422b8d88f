package cloud.hyperbyte.testkit.kube;

import cloud.hyperbyte.testkit.kube.admission.AdmissionStep;
import cloud.hyperbyte.testkit.kube.admission.Operation;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudPersistence;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import io.fabric8.mockwebserver.crud.Attribute;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fabric8 CRUD dispatcher with the gaps to a real API server closed (see the testkit README):
 * server-side apply with managed fields, strategic merge patch, RFC 7386 merge patch, the status
 * subresource of built-in kinds, the scale subresource ({@link ScaleSubresource}), garbage collection
 * by owner references, and new CRDs Established.
 *
 * <p>Callers must serialise writes (see {@link SimulatedApiDispatcher}): an apply is a read followed
 * by a write.
 */
final class CompensatingCrudDispatcher extends KubernetesCrudDispatcher {

  /** Built-in kinds whose status is a subresource: writes to the main resource keep the stored status. */
  private static final Set<String> BUILT_IN_STATUS_SUBRESOURCE = Set.of(
      "pods", "statefulsets", "deployments", "replicasets", "daemonsets", "jobs", "cronjobs",
      "persistentvolumeclaims", "persistentvolumes", "services", "poddisruptionbudgets",
      "horizontalpodautoscalers", "namespaces", "nodes", "certificatesigningrequests");

  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final KubernetesAttributesExtractor pathParser = new KubernetesAttributesExtractor();
  private final Clock clock;
  /** The Update manager of the write being handled; null for applies (they record their own) and internal writes. */
  private final ThreadLocal<String> writer = new ThreadLocal<>();
  /** Set while an apply to {@code /status} writes status and managedFields in one main-resource PUT. */
  private final ThreadLocal<Boolean> statusWriteThrough = ThreadLocal.withInitial(() -> false);
  /** The deletion timestamp and grace period {@link #stockUpdate} hid from the stock handler, put back in {@link #preserveMetadata}. */
  private final ThreadLocal<JsonNode[]> gracefulMark = new ThreadLocal<>();

  private final AdmissionChain admission = new AdmissionChain();
  /** Every stored object by UID, name and owner; changed only with the stock store's map, in {@link #processEvent}. */
  private final StoredObjectIndex index = new StoredObjectIndex();
  /** The store's keys by plural, for lists; changed with the map like {@link #index}. */
  private final StoredKeysByPlural keysByPlural = new StoredKeysByPlural();
  /** The stock store's resource version counter, which a list reports as its own. */
  private final AtomicLong storeResourceVersion = stockResourceVersion();
  /** Conflicts an orphaning write outlasts; each one means another writer won the race in between. */
  private static final int ORPHAN_ATTEMPTS = 5;
  private final ListChunks chunks;
  /**
   * Held for writing while the map and the index change together, for reading by lookups that run
   * outside the stock store's own lock (a GET of one object), so they never see the two apart.
   */
  private final ReadWriteLock indexLock = new ReentrantReadWriteLock();
  private final Deletion.Store deletionStore = new Deletion.Store() {
    @Override
    public JsonNode current(String itemPath) {
      return CompensatingCrudDispatcher.this.current(itemPath);
    }

    @Override
    public MockResponse replace(String itemPath, ObjectNode object) {
      return stockUpdate(request(HttpMethod.PUT, itemPath, Json.write(object)));
    }
  };
  private final ScaleSubresource scale;

  CompensatingCrudDispatcher(Clock clock) {
    this.clock = clock;
    this.chunks = new ListChunks(clock);
    this.scale = new ScaleSubresource(new ScaleSubresource.Store() {
      @Override
      public JsonNode current(String itemPath) {
        return CompensatingCrudDispatcher.this.current(itemPath);
      }

      @Override
      public MockResponse update(String itemPath, ObjectNode object) {
        return handleUpdate(request(HttpMethod.PUT, itemPath, Json.write(object)));
      }
    }, () -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** Adds an admission step run on every create and update, after those added before. */
  void addAdmissionStep(AdmissionStep step) {
    admission.add(step);
  }

  // ---- admission: every create and update, whatever verb produced it, passes here --------------

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    String body = request.getBody().readUtf8();
    ObjectNode object = objectOrNull(body);
    if (object == null) {
      return super.handleCreate(copy(request, body));
    }
    AdmissionChain.Decision decision = admission.admit(Operation.CREATE, ResourcePath.parse(request.getPath()),
        null, object, this::stored);
    if (decision.refusal() != null) {
      return decision.refusal();
    }
    if (writer.get() != null) {
      String path = ApiPaths.withoutQuery(request.getPath());
      UpdateManagers.record(null, decision.object(), writer.get(), false, isStatusSubresourceEnabledForResource(path),
          ApiPaths.isBuiltInGroup(path), now());
    }
    MockResponse created = super.handleCreate(copy(request, Json.write(decision.object())));
    if (created.code() == 201 && !Generations.tracked(ApiPaths.withoutQuery(request.getPath()))) {
      ObjectNode stored = (ObjectNode) Json.parse(created.getBody().readUtf8());
      ((ObjectNode) stored.path("metadata")).remove("generation");
      created.setBody(Json.write(stored));
    }
    return decision.withWarnings(created);
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    String body = request.getBody().readUtf8();
    ResourcePath target = ResourcePath.parse(request.getPath());
    boolean toStatus = "status".equals(target.subresource());
    String itemPath = toStatus ? ApiPaths.collectionOf(ApiPaths.withoutQuery(request.getPath()))
        : ApiPaths.withoutQuery(request.getPath());
    JsonNode old = current(itemPath);
    ObjectNode incoming = objectOrNull(body);
    if (incoming == null) {
      return stockUpdate(copy(request, body));
    }
    if (old == null) {
      return stockUpdate(copy(request, body));
    }
    if (toStatus && !statusWriteThrough.get() && isStale(old, incoming)) {
      // the stock mock checks resourceVersion on the main resource only
      return conflict(target);
    }
    ObjectNode stored = storedAfterUpdate(itemPath, (ObjectNode) old, incoming, toStatus);
    if (statusWriteThrough.get()) {
      target = new ResourcePath(target.group(), target.version(), target.namespace(), target.resource(),
          target.name(), "status");
    }
    AdmissionChain.Decision decision = admission.admit(Operation.UPDATE, target, old, stored, this::stored);
    if (decision.refusal() != null) {
      return decision.refusal();
    }
    if (writer.get() == null) {
      String admittedBody = decision.object().equals(stored) ? body : Json.write(decision.object());
      return decision.withWarnings(stockUpdate(copy(request, admittedBody)));
    }
    ObjectNode admitted = decision.object();
    JsonNode managersBefore = admitted.path("metadata").path("managedFields").deepCopy();
    UpdateManagers.record(old, admitted, writer.get(), toStatus, isStatusSubresourceEnabledForResource(itemPath),
        ApiPaths.isBuiltInGroup(itemPath), now());
    if (!toStatus || managersBefore.equals(admitted.path("metadata").path("managedFields"))) {
      return decision.withWarnings(stockUpdate(copy(request, Json.write(admitted))));
    }
    // a PUT to /status would store the status only; the Update manager's entry changes managedFields too
    statusWriteThrough.set(true);
    try {
      return decision.withWarnings(stockUpdate(request(HttpMethod.PUT, itemPath, Json.write(admitted))));
    } finally {
      statusWriteThrough.set(false);
    }
  }

  /** The body as a JSON object, or null when it is none: the stock handlers answer such bodies as they always did. */
  private static ObjectNode objectOrNull(String body) {
    try {
      return Json.parse(body) instanceof ObjectNode object ? object : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /**
   * The stock PUT, except that it must not remove a pod in its grace period: the stock handler deletes
   * any object written with a {@code deletionTimestamp} and no finalizers, while a real server keeps a
   * Terminating pod until its kubelet deletes it with grace period 0 ({@link Deletion}). The timestamp
   * is taken out of the body the stock handler checks and put back by {@link #preserveMetadata}.
   */
  private MockResponse stockUpdate(RecordedRequest request) {
    String body = request.getBody().readUtf8();
    ObjectNode object = objectOrNull(body);
    if (object == null) {
      return super.handleUpdate(copy(request, body));
    }
    JsonNode metadata = object.path("metadata");
    String path = ApiPaths.withoutQuery(request.getPath());
    JsonNode stored = current(path.endsWith("/status") ? ApiPaths.collectionOf(path) : path);
    // admission put the stored grace period back into client writes; a deletion's own write sets a new one
    JsonNode grace = metadata.hasNonNull("deletionGracePeriodSeconds") ? metadata.get("deletionGracePeriodSeconds")
        : stored == null ? null : stored.path("metadata").get("deletionGracePeriodSeconds");
    boolean inGracePeriod = metadata.hasNonNull("deletionTimestamp") && metadata.path("finalizers").isEmpty()
        && grace != null && grace.asLong(0) > 0;
    if (!inGracePeriod) {
      return super.handleUpdate(copy(request, body));
    }
    JsonNode timestamp = ((ObjectNode) metadata).remove("deletionTimestamp");
    gracefulMark.set(new JsonNode[] {timestamp, grace});
    try {
      return super.handleUpdate(copy(request, Json.write(object)));
    } finally {
      gracefulMark.remove();
    }
  }

  private static boolean isStale(JsonNode old, JsonNode incoming) {
    String sent = incoming.path("metadata").path("resourceVersion").asString("");
    return !sent.isEmpty() && !sent.equals(old.path("metadata").path("resourceVersion").asString(""));
  }

  /** 409 as {@code apierrors.NewConflict} words it for a stale resourceVersion. */
  private static MockResponse conflict(ResourcePath target) {
    return StatusResponses.failure(409, "Conflict", "Operation cannot be fulfilled on " + target.resource()
        + (target.group().isEmpty() ? "" : "." + target.group()) + " \"" + target.name()
        + "\": the object has been modified; please apply your changes to the latest version and try again");
  }

  /** What the store keeps after this update: status writes change only status, main writes keep it. */
  private ObjectNode storedAfterUpdate(String itemPath, ObjectNode old, ObjectNode incoming, boolean toStatus) {
    boolean subresource = isStatusSubresourceEnabledForResource(itemPath);
    if (toStatus) {
      ObjectNode result = old.deepCopy();
      JsonNode resourceVersion = incoming.path("metadata").get("resourceVersion");
      if (resourceVersion != null) {
        ((ObjectNode) result.get("metadata")).set("resourceVersion", resourceVersion);
      }
      if (incoming.has("status")) {
        result.set("status", incoming.get("status"));
      } else {
        result.remove("status");
      }
      return result;
    }
    if (!subresource) {
      return incoming;
    }
    ObjectNode result = incoming.deepCopy();
    if (old.has("status")) {
      result.set("status", old.get("status"));
    } else {
      result.remove("status");
    }
    return result;
  }

  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    return response.getWebSocketListener() == null ? response
        : response.withWebSocketUpgrade(new OffLoopWatchClose(response.getWebSocketListener()));
  }

  private Optional<JsonNode> stored(String path) {
    return Optional.ofNullable(current(path));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpMethod method = request.method();
    if (ApiPaths.withoutQuery(request.getPath()).endsWith("/scale")
        && ScaleSubresource.targets(ResourcePath.parse(request.getPath()))) {
      return scale.handle(method.name(), request.getPath(), request.getHeader("Content-Type"),
          request.getBody() == null ? "" : request.getBody().readUtf8(), request.getHeader("User-Agent"));
    }
    if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
      boolean apply = String.valueOf(request.getHeader("Content-Type")).startsWith("application/apply-patch");
      writer.set(apply ? null : UpdateManagers.managerOf(ApiPaths.query(request.getPath()).get("fieldManager"),
          request.getHeader("User-Agent")));
    }
    try {
      return dispatchWrite(request, method);
    } finally {
      writer.remove();
    }
  }

  private MockResponse dispatchWrite(RecordedRequest request, HttpMethod method) {
    if (method == HttpMethod.POST) {
      if (ApiPaths.withoutQuery(request.getPath()).equals(CRDS)) {
        request = copy(request, established(request.getBody().readUtf8()));
      }
      return collectIfOwnersAreGone(super.dispatch(request));
    }
    if (method != HttpMethod.PUT && method != HttpMethod.PATCH && method != HttpMethod.DELETE) {
      return super.dispatch(request);
    }
    String path = ApiPaths.withoutQuery(request.getPath());
    String itemPath = path.endsWith("/status") ? ApiPaths.collectionOf(path) : path;
    Set<String> uidsBefore = uidsMatching(itemPath);
    String body = request.getBody().readUtf8();
    MockResponse response;
    if (method == HttpMethod.DELETE) {
      Optional<MockResponse> held = Deletion.held(deletionStore, clock, path, ApiPaths.query(request.getPath()), body);
      response = held.isPresent() ? held.get() : super.handleDelete(request.getPath());
    } else {
      response = super.dispatch(copy(request, body));
    }
    if (!uidsBefore.isEmpty()) {
      uidsBefore.removeAll(uidsMatching(itemPath));
      if (isOrphanDelete(method, request.getPath(), body)) {
        orphanDependents(uidsBefore);
      } else {
        collectGarbage(uidsBefore);
      }
    }
    return response;
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    String body = request.getBody().readUtf8();
    String path = ApiPaths.withoutQuery(request.getPath());
    try {
      if (contentType.startsWith("application/apply-patch")) {
        return apply(path, ApiPaths.query(request.getPath()), body);
      }
      if (contentType.startsWith("application/strategic-merge-patch")) {
        if (!ApiPaths.isBuiltInGroup(path)) {
          return StatusResponses.failure(415, "UnsupportedMediaType",
              "the body of the request was in an unknown format - accepted media types include: "
                  + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }
        return replaceWith(path, live -> ObjectMerge.strategic(live, Json.parse(body)));
      }
      if (contentType.startsWith("application/merge-patch")) {
        return replaceWith(path, live -> ObjectMerge.mergePatch(live, Json.parse(body)));
      }
      if (contentType.startsWith("application/json-patch")) {
        // computed here (not by the stock handler) so that the result passes admission like any update
        return replaceWith(path, live -> JsonPatch.apply(Json.parse(body), live));
      }
    } catch (ObjectMerge.UnsupportedDirectiveException e) {
      return StatusResponses.failure(422, "Invalid", e.getMessage());
    } catch (JsonPatchException e) {
      return StatusResponses.failure(422, "Invalid", "the server rejected our request due to an error in our request: "
          + e.getMessage());
    } catch (JacksonException | IllegalArgumentException e) {
      return StatusResponses.failure(400, "BadRequest", e.getMessage());
    }
    return super.handlePatch(copy(request, body));
  }

  /**
   * The stock version copies {@code generation} unconditionally (and fails when there is none); kinds
   * without a generation ({@link Generations}) keep none.
   */
  @Override
  public void preserveMetadata(JsonNode currentResource, JsonNode updatedResource) {
    JsonNode current = currentResource.path("metadata");
    ObjectNode updated = (ObjectNode) updatedResource.get("metadata");
    for (String field : List.of("namespace", "uid", "creationTimestamp", "resourceVersion", "generation")) {
      if (current.hasNonNull(field)) {
        updated.set(field, current.get(field).deepCopy());
      } else {
        updated.remove(field);
      }
    }
    JsonNode[] mark = gracefulMark.get();
    if (mark != null) {
      updated.set("deletionTimestamp", mark[0]);
      updated.set("deletionGracePeriodSeconds", mark[1]);
    }
  }

  /** Bumps the generation of kinds that have one, on changes outside metadata and status (Deployments: annotations too). */
  @Override
  public void touchGeneration(JsonNode currentResource, JsonNode updatedResource) {
    JsonNode current = currentResource.path("metadata");
    if (!current.has("generation")) {
      return;
    }
    boolean annotations = "Deployment".equals(currentResource.path("kind").asString(""))
        && !current.path("annotations").equals(updatedResource.path("metadata").path("annotations"));
    if (annotations || KubernetesCrudPersistence.shouldIncreaseGeneration(currentResource, updatedResource)) {
      ((ObjectNode) updatedResource.get("metadata")).put("generation", current.path("generation").asLong(0) + 1);
    }
  }

  /**
   * A created object of a kind without generation is stored without one. Every change of the stock
   * store's map passes here, so the index changes with it.
   */
  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    String state = newState;
    if (oldAttributes == null && newState != null && !Generations.tracked(ApiPaths.withoutQuery(path))) {
      ObjectNode created = (ObjectNode) Json.parse(newState);
      ((ObjectNode) created.path("metadata")).remove("generation");
      state = Json.write(created);
    }
    String existing = oldAttributes == null ? null : map.get(oldAttributes);
    indexLock.writeLock().lock();
    try {
      super.processEvent(path, pathAttributes, oldAttributes, resource, state);
      if (oldAttributes != null && !map.containsKey(oldAttributes)) {
        keysByPlural.remove(value(oldAttributes, KubernetesAttributesExtractor.PLURAL), oldAttributes);
      }
      if (existing != null) {
        index.remove(Json.parse(existing).path("metadata").path("uid").asString(""));
      }
      if (state != null) {
        // the key the stock store computed for the new state (KubernetesCrudDispatcher.processEvent)
        AttributeSet key = resource != null ? ((KubernetesAttributesExtractor) attributeExtractor).extract(resource)
            : attributeExtractor.fromResource(state);
        if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
          key = AttributeSet.merge(pathAttributes, key);
        }
        if (map.containsKey(key)) {
          keysByPlural.add(value(key, KubernetesAttributesExtractor.PLURAL), key);
          index.put(key, value(key, KubernetesAttributesExtractor.PLURAL), Json.parse(state));
        }
      }
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  /** The stored object a path names, found through the index instead of a scan of the whole store. */
  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
    String plural = value(attributes, KubernetesAttributesExtractor.PLURAL);
    String name = value(attributes, KubernetesAttributesExtractor.NAME);
    if (plural == null || name == null) {
      return super.findResource(attributes);
    }
    for (StoredObjectIndex.Entry entry : index.named(plural, name)) {
      String stored = entry.key().matches(attributes) ? map.get(entry.key()) : null;
      if (stored != null) {
        return new AbstractMap.SimpleImmutableEntry<>(entry.key(), stored);
      }
    }
    return null;
  }

  /**
   * A GET of one object looks it up in the index; a list matches the objects of its plural only, and
   * returns them ordered by namespace and name, as a real server's storage does; watches and API
   * discovery paths ({@code /api/v1}, {@code /apis/<group>/<version>}) are the stock store's.
   */
  @Override
  public MockResponse handleGet(String path) {
    int q = path.indexOf('?');
    AttributeSet query = q >= 0 && path.substring(q).contains("watch=true") ? null : getKey(path);
    if (query == null || !query.containsKey(KubernetesAttributesExtractor.PLURAL)) {
      return super.handleGet(path);
    }
    if (!query.containsKey(KubernetesAttributesExtractor.NAME)) {
      MockResponse list = list(query, !isDiscovery(path), path);
      return list != null ? list : super.handleGet(path);
    }
    indexLock.readLock().lock();
    try {
      Map.Entry<AttributeSet, String> found = findResource(query);
      return found == null ? new MockResponse().setResponseCode(404)
          : new MockResponse().setResponseCode(200).setBody(found.getValue());
    } finally {
      indexLock.readLock().unlock();
    }
  }

  /**
   * Whether {@code path} may ask for API discovery, which the stock store answers when no object
   * matches: a group version without a resource ({@code /api/v1}, {@code /apis/<group>/<version>}).
   */
  private static boolean isDiscovery(String path) {
    String[] segments = ApiPaths.withoutQuery(path).replaceAll("^/+|/+$", "").split("/");
    return segments.length <= ("api".equals(segments[0]) ? 2 : 3);
  }

  /**
   * The list {@code query} asks for, from the keys of its plural, chunked as {@code path}'s
   * {@code limit} and {@code continue} ask ({@link ListChunks}); null when nothing matches and
   * {@code emptyListWhenNone} is false (or the store's version counter could not be read).
   */
  private MockResponse list(AttributeSet query, boolean emptyListWhenNone, String path) {
    if (storeResourceVersion == null) {
      return null;
    }
    Map<String, String> params = ApiPaths.query(path);
    String token = params.get("continue");
    Long limit;
    try {
      limit = params.containsKey("limit") ? Long.valueOf(params.get("limit")) : null;
    } catch (NumberFormatException e) {
      return StatusResponses.failure(400, "BadRequest", "limit: invalid value " + params.get("limit"));
    }
    indexLock.readLock().lock();
    try {
      // a later chunk usually reads the items its first chunk kept: match again only when asked
      List<ListChunks.Item> items = token == null ? matching(query) : null;
      if (items != null && items.isEmpty() && !emptyListWhenNone) {
        return null;
      }
      String selectors = params.getOrDefault("labelSelector", "") + "&" + params.getOrDefault("fieldSelector", "");
      boolean selected = !params.getOrDefault("labelSelector", "").isEmpty()
          || !params.getOrDefault("fieldSelector", "").isEmpty();
      return chunks.chunk(ApiPaths.withoutQuery(path) + "?" + selectors, limit, token, selected,
          storeResourceVersion.get(), () -> items != null ? items : matching(query));
    } finally {
      indexLock.readLock().unlock();
    }
  }

  /** The lists answered so far, oldest first. */
  List<ServedList> servedLists() {
    return chunks.served();
  }

  /** The stored objects {@code query} matches, in storage key order ({@code namespace/name}) as etcd lists them. */
  private List<ListChunks.Item> matching(AttributeSet query) {
    List<ListChunks.Item> items = new ArrayList<>();
    for (AttributeSet key : keysByPlural.of(value(query, KubernetesAttributesExtractor.PLURAL))) {
      String stored = key.matches(query) ? map.get(key) : null;
      if (stored != null) {
        String namespace = value(key, KubernetesAttributesExtractor.NAMESPACE);
        String name = value(key, KubernetesAttributesExtractor.NAME);
        items.add(new ListChunks.Item(namespace == null ? name : namespace + "/" + name, stored));
      }
    }
    items.sort(Comparator.comparing(ListChunks.Item::key));
    return items;
  }

  /**
   * The stock store's private resource version counter: a list answered here reports the version the
   * stock list would. Null when this fabric8 version has no such field (lists are then the stock's).
   */
  private AtomicLong stockResourceVersion() {
    try {
      java.lang.reflect.Field field = KubernetesCrudDispatcher.class.getDeclaredField("resourceVersion");
      field.setAccessible(true);
      return (AtomicLong) field.get(this);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void reset() {
    indexLock.writeLock().lock();
    try {
      super.reset();
      index.clear();
      keysByPlural.clear();
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  private static String value(AttributeSet attributes, String key) {
    Attribute attribute = attributes.getAttribute(key);
    if (attribute == null || attribute.getValues().isEmpty()) {
      return null;
    }
    return attribute.getValues().iterator().next().toString();
  }

  @Override
  public boolean isStatusSubresourceEnabledForResource(String path) {
    if (statusWriteThrough.get()) {
      return false;
    }
    String plural = pathParser.fromKubernetesPath(path).get(KubernetesAttributesExtractor.PLURAL);
    return super.isStatusSubresourceEnabledForResource(path)
        || (ApiPaths.isBuiltInGroup(path) && BUILT_IN_STATUS_SUBRESOURCE.contains(plural));
  }

  private interface Patch {
    JsonNode applyTo(JsonNode live);
  }

  /** Computes the patched object here and stores it with a PUT, which checks resourceVersion and status rules. */
  private MockResponse replaceWith(String path, Patch patch) {
    JsonNode live = current(path);
    if (live == null) {
      return StatusResponses.failure(404, "NotFound", path + " not found");
    }
    return handleUpdate(request(HttpMethod.PUT, path, Json.write(patch.applyTo(live))));
  }

  private MockResponse apply(String path, Map<String, String> query, String body) {
    String manager = query.get("fieldManager");
    if (manager == null || manager.isEmpty()) {
      return StatusResponses.failure(400, "BadRequest",
          "PATCH requests with apply content type must have a fieldManager");
    }
    boolean toStatus = path.endsWith("/status");
    String itemPath = toStatus ? ApiPaths.collectionOf(path) : path;
    ObjectNode applied = Json.parseYaml(body);
    String name = itemPath.substring(itemPath.lastIndexOf('/') + 1);
    if (!name.equals(applied.path("metadata").path("name").asText())) {
      return StatusResponses.failure(400, "BadRequest", "the name of the object does not match the name on the URL");
    }
    boolean statusSubresource = isStatusSubresourceEnabledForResource(itemPath);
    if (toStatus) {
      applied.retain("apiVersion", "kind", "metadata", "status");
      ((ObjectNode) applied.get("metadata")).retain("name", "namespace");
    } else if (statusSubresource) {
      applied.remove("status");
    }
    ServerSideApply.Request request = new ServerSideApply.Request(manager, "true".equals(query.get("force")),
        toStatus ? "status" : null, ApiPaths.isBuiltInGroup(path),
        Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());

    ObjectNode live = (ObjectNode) current(itemPath);
    if (live == null) {
      if (toStatus) {
        return StatusResponses.failure(404, "NotFound", itemPath + " not found");
      }
      ObjectNode created = ServerSideApply.create(applied, request);
      // an apply from a stale cache may create a dependent of an owner that is gone: collected as a POST's would be
      return collectIfOwnersAreGone(
          handleCreate(request(HttpMethod.POST, ApiPaths.collectionOf(itemPath), Json.write(created))));
    }
    ObjectNode result;
    try {
      result = ServerSideApply.apply(live, applied, request);
    } catch (ServerSideApply.ConflictException e) {
      return StatusResponses.failure(409, "Conflict", e.getMessage());
    }
    if (result.equals(live)) {
      return new MockResponse().setResponseCode(200).setBody(Json.write(live));
    }
    ((ObjectNode) result.get("metadata")).set("resourceVersion", live.path("metadata").get("resourceVersion"));
    if (!toStatus) {
      return handleUpdate(request(HttpMethod.PUT, itemPath, Json.write(result)));
    }
    // a PUT to /status would store the status only; the apply also changes managedFields
    statusWriteThrough.set(true);
    try {
      return handleUpdate(request(HttpMethod.PUT, itemPath, Json.write(result)));
    } finally {
      statusWriteThrough.set(false);
    }
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private JsonNode current(String itemPath) {
    MockResponse get = handleGet(itemPath);
    return get.code() == 200 ? Json.parse(get.getBody().readUtf8()) : null;
  }

  /**
   * A real server's apiextensions controller accepts a new CRD's names and marks it Established
   * within moments; here a CRD created without conditions is stored Established. One created with
   * conditions keeps them (a test can create it not yet Established and establish it later).
   */
  private String established(String body) {
    JsonNode parsed;
    try {
      parsed = Json.parse(body);
    } catch (JacksonException e) {
      return body;
    }
    if (!(parsed instanceof ObjectNode crd) || !crd.path("status").path("conditions").isEmpty()) {
      return body;
    }
    ObjectNode status = crd.putObject("status");
    if (crd.path("spec").path("names").isObject()) {
      status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
    }
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    var conditions = status.putArray("conditions");
    conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
        .put("message", "no conflicts found").put("lastTransitionTime", now);
    conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
        .put("message", "the initial names have been accepted").put("lastTransitionTime", now);
    return Json.write(crd);
  }

  // ---- garbage collection -------------------------------------------------------------------

  /**
   * A real garbage collector also deletes an object created with owner references when none of its
   * owners exists (for example a pod a controller created from a stale cache just after its
   * StatefulSet was deleted). The create itself succeeds, as on a real server.
   */
  private MockResponse collectIfOwnersAreGone(MockResponse created) {
    if (created.code() != 201 && created.code() != 200) {
      return created;
    }
    String body = created.getBody().readUtf8();
    created.setBody(body);
    JsonNode object;
    try {
      object = Json.parse(body);
    } catch (RuntimeException e) {
      return created;
    }
    JsonNode refs = object.path("metadata").path("ownerReferences");
    if (!refs.isArray() || refs.isEmpty()) {
      return created;
    }
    for (JsonNode ref : refs) {
      if (index.exists(ref.path("uid").asText())) {
        return created;
      }
    }
    String uid = object.path("metadata").path("uid").asText();
    collectGarbage(Set.of(refs.get(0).path("uid").asText()));
    if (index.exists(uid)) {
      return created;
    }
    collectGarbage(Set.of(uid));
    return created;
  }

  /** Deletes, transitively, every object whose owners are all gone (background propagation). */
  private void collectGarbage(Set<String> deletedUids) {
    Deque<String> queue = new ArrayDeque<>(deletedUids);
    while (!queue.isEmpty()) {
      String ownerUid = queue.poll();
      for (StoredObjectIndex.Entry dependent : index.dependentsOf(ownerUid)) {
        boolean otherOwnerAlive = dependent.ownerUids().stream()
            .anyMatch(uid -> !uid.equals(ownerUid) && index.exists(uid));
        if (otherOwnerAlive) {
          continue;
        }
        // as the garbage collector's DELETE: a pod is deleted gracefully, finalizers hold
        if (Deletion.held(deletionStore, clock, dependent.path(), Map.of(), "").isEmpty()) {
          super.handleDelete(dependent.path());
        }
        if (!index.exists(dependent.uid())) {
          queue.add(dependent.uid());
        }
      }
    }
  }

  /**
   * Orphan propagation: the garbage collector removes the deleted owners' references from their
   * dependents (which then belong to nobody, e.g. for a new StatefulSet to adopt) instead of
   * deleting them.
   */
  private void orphanDependents(Set<String> deletedUids) {
    Map<String, StoredObjectIndex.Entry> dependents = new java.util.LinkedHashMap<>();
    deletedUids.forEach(owner -> index.dependentsOf(owner).forEach(d -> dependents.put(d.uid(), d)));
    for (StoredObjectIndex.Entry dependent : dependents.values()) {
      for (int attempt = 1; !removeOwnerReferences(dependent, deletedUids) && attempt < ORPHAN_ATTEMPTS; attempt++) {
        // the write carried the read's resourceVersion and another writer came first: read again
      }
    }
  }

  /** True when {@code dependent} no longer references {@code deletedUids} (or is gone). */
  private boolean removeOwnerReferences(StoredObjectIndex.Entry dependent, Set<String> deletedUids) {
    String stored = map.get(dependent.key());
    if (stored == null) {
      return true;
    }
    JsonNode object = Json.parse(stored);
    JsonNode refs = object.path("metadata").path("ownerReferences");
    if (!refs.isArray() || refs.isEmpty()) {
      return true;
    }
    tools.jackson.databind.node.ArrayNode kept = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    refs.forEach(ref -> {
      if (!deletedUids.contains(ref.path("uid").asText())) {
        kept.add(ref);
      }
    });
    if (kept.size() == refs.size()) {
      return true;
    }
    ObjectNode orphan = (ObjectNode) object;
    ObjectNode metadata = (ObjectNode) orphan.get("metadata");
    if (kept.isEmpty()) {
      metadata.remove("ownerReferences");
    } else {
      metadata.set("ownerReferences", kept);
    }
    return stockUpdate(request(HttpMethod.PUT, dependent.path(), Json.write(orphan))).code() != 409;
  }

  private static boolean isOrphanDelete(HttpMethod method, String pathWithQuery, String body) {
    if (method != HttpMethod.DELETE) {
      return false;
    }
    String policy = ApiPaths.query(pathWithQuery).get("propagationPolicy");
    if (policy == null && body != null && !body.isBlank()) {
      try {
        policy = Json.parse(body).path("propagationPolicy").asText(null);
      } catch (JacksonException e) {
        policy = null;
      }
    }
    return "Orphan".equals(policy);
  }

  private Set<String> uidsMatching(String path) {
    AttributeSet query = getKey(path);
    Set<String> uids = new HashSet<>();
    String plural = value(query, KubernetesAttributesExtractor.PLURAL);
    String name = value(query, KubernetesAttributesExtractor.NAME);
    if (plural != null && name != null) {
      for (StoredObjectIndex.Entry entry : index.named(plural, name)) {
        if (entry.key().matches(query)) {
          uids.add(entry.uid());
        }
      }
      return uids;
    }
    for (Map.Entry<AttributeSet, String> entry : snapshot()) {
      if (entry.getKey().matches(query)) {
        uids.add(Json.parse(entry.getValue()).path("metadata").path("uid").asText());
      }
    }
    return uids;
  }

  private List<Map.Entry<AttributeSet, String>> snapshot() {
    synchronized (map) {
      return new ArrayList<>(map.entrySet());
    }
  }

  private static RecordedRequest copy(RecordedRequest original, String body) {
    return new RecordedRequest(original.getHttpVersion(), original.method(), original.getPath(),
        original.getHeaders(), new Buffer().writeUtf8(body == null ? "" : body));
  }

  private static RecordedRequest request(HttpMethod method, String path, String body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer().writeUtf8(body));
  }
}
