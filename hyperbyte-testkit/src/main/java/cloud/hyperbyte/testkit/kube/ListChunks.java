package cloud.hyperbyte.testkit.kube;

import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists in chunks as kube-apiserver does for {@code ?limit=N} and {@code ?continue=TOKEN}
 * (apiserver {@code storage/etcd3/store.go} GetList, {@code storage/continue.go}): at most N items in
 * key order, {@code metadata.continue} when more remain, {@code metadata.remainingItemCount} when the
 * list has no selector, and every chunk of one list at the resource version of its first chunk.
 *
 * <p>The token is the server's: base64url of {@code {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\0"}}.
 * etcd serves later chunks from its history at {@code rv}; this store has no history, so the first
 * chunk keeps the whole matching list (references to the stored JSON, not copies) until the list is
 * read to its end or the server's compaction interval has passed, as etcd compacts every five
 * minutes. A token whose list is no longer kept is expired (410 Expired), unless nothing was written
 * since (the list is then read again, unchanged).
 */
final class ListChunks {

  /** kube-apiserver's {@code --etcd-compaction-interval} default: continue tokens older than this expire. */
  static final Duration COMPACTION_INTERVAL = Duration.ofMinutes(5);
  /** Lists kept for continuation at once; the oldest goes first (its token then expires early). */
  private static final int KEPT = 64;
  private static final String TOKEN_VERSION = "meta.k8s.io/v1";

  /** One stored object of a list: its storage key ({@code namespace/name} or {@code name}) and JSON. */
  record Item(String key, String json) {}

  /** A list as it was at {@code resourceVersion}, items in key order. */
  private record Kept(long resourceVersion, List<Item> items, Instant taken) {}

  private record ListKey(String query, long resourceVersion) {}

  /** How many answered lists {@link #served()} remembers, the oldest forgotten first. */
  private static final int SERVED_KEPT = 10_000;

  private final Clock clock;
  private final Deque<ServedList> served = new ArrayDeque<>();
  private final Map<ListKey, Kept> kept = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ListKey, Kept> eldest) {
      return size() > KEPT;
    }
  };

  ListChunks(Clock clock) {
    this.clock = clock;
  }

  /**
   * The chunk a list request asks for.
   *
   * @param query what identifies the list apart from its chunking: its path and selectors
   * @param limit the request's {@code limit}, null or non-positive for all
   * @param token the request's {@code continue}, null for a first chunk
   * @param selected whether the list has a label or field selector (no remaining count is known then)
   * @param current the store's resource version now
   * @param items the matching items now, in key order (read only when needed)
   */
  MockResponse chunk(String query, Long limit, String token, boolean selected, long current,
      Supplier<List<Item>> items) {
    long resourceVersion = current;
    String start = "";
    List<Item> list;
    Kept previous = null;
    if (token != null) {
      Continue decoded;
      try {
        decoded = Continue.decode(token);
      } catch (IllegalArgumentException e) {
        return StatusResponses.failure(400, "BadRequest", "continue key is not valid: " + e.getMessage());
      }
      if (decoded.resourceVersion() > current) {
        return StatusResponses.failure(400, "BadRequest",
            "continue key is not valid: resource version " + decoded.resourceVersion() + " is in the future");
      }
      resourceVersion = decoded.resourceVersion();
      start = decoded.start();
      synchronized (kept) {
        previous = kept.get(new ListKey(query, resourceVersion));
        if (previous != null && expired(previous)) {
          kept.remove(new ListKey(query, resourceVersion));
          previous = null;
        }
      }
      if (previous == null && resourceVersion != current) {
        return StatusResponses.failure(410, "Expired", "The provided continue parameter is too old to display a "
            + "consistent list result. You can start a new list without the continue parameter.");
      }
      list = previous != null ? previous.items() : items.get();
    } else {
      list = items.get();
    }
    int from = firstAtOrAfter(list, start);
    int to = limit == null || limit <= 0 ? list.size() : (int) Math.min(list.size(), from + limit);
    String next = null;
    Long remaining = null;
    ListKey key = new ListKey(query, resourceVersion);
    if (to < list.size()) {
      next = new Continue(resourceVersion, list.get(to - 1).key() + "\0").encode();
      remaining = selected ? null : (long) (list.size() - to);
      if (previous == null) {
        synchronized (kept) {
          kept.put(key, new Kept(resourceVersion, list, Instant.now(clock)));
        }
      }
    } else if (token != null) {
      synchronized (kept) {
        kept.remove(key);
      }
    }
    synchronized (served) {
      if (served.size() == SERVED_KEPT) {
        served.removeFirst();
      }
      served.addLast(new ServedList(path(query), limit, token != null, to - from, next != null));
    }
    return new MockResponse().setResponseCode(200)
        .setBody(body(list.subList(from, to), resourceVersion, next, remaining));
  }

  /** The lists answered so far (the newest {@value #SERVED_KEPT}), oldest first. */
  List<ServedList> served() {
    synchronized (served) {
      return List.copyOf(served);
    }
  }

  private static String path(String query) {
    int q = query.indexOf('?');
    return q < 0 ? query : query.substring(0, q);
  }

  private boolean expired(Kept list) {
    return !Instant.now(clock).isBefore(list.taken().plus(COMPACTION_INTERVAL));
  }

  private static int firstAtOrAfter(List<Item> list, String start) {
    int low = 0;
    int high = list.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (list.get(mid).key().compareTo(start) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The list body the stock store composes, with the chunking fields; items are stored JSON, written as they are. */
  private static String body(List<Item> items, long resourceVersion, String next, Long remaining) {
    int size = 160;
    for (Item item : items) {
      size += item.json().length() + 1;
    }
    StringBuilder body = new StringBuilder(size).append("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
    for (int i = 0; i < items.size(); i++) {
      body.append(i == 0 ? "" : ",").append(items.get(i).json());
    }
    body.append("],\"metadata\":{\"resourceVersion\":\"").append(resourceVersion).append('"');
    if (next != null) {
      body.append(",\"continue\":\"").append(next).append('"');
    }
    if (remaining != null) {
      body.append(",\"remainingItemCount\":").append(remaining);
    }
    return body.append("}}").toString();
  }

  /** The decoded continue token: the list's resource version and the key to go on from. */
  record Continue(long resourceVersion, String start) {

    String encode() {
      ObjectNode token = JsonNodeFactory.instance.objectNode();
      token.put("v", TOKEN_VERSION);
      token.put("rv", resourceVersion);
      token.put("start", start);
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(Json.write(token).getBytes(StandardCharsets.UTF_8));
    }

    static Continue decode(String token) {
      JsonNode decoded;
      try {
        decoded = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException | JacksonException e) {
        throw new IllegalArgumentException("not a base64 JSON token", e);
      }
      if (!TOKEN_VERSION.equals(decoded.path("v").asText(null))) {
        throw new IllegalArgumentException("server does not recognize this encoded key");
      }
      if (!decoded.path("rv").isIntegralNumber() || decoded.path("rv").asLong() <= 0) {
        throw new IllegalArgumentException("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
      }
      String start = decoded.path("start").asText("");
      if (start.isEmpty() || start.startsWith("/") || start.contains("/../") || start.endsWith("/..")) {
        throw new IllegalArgumentException("continue key is not valid: start key " + start);
      }
      return new Continue(decoded.path("rv").asLong(), start);
    }
  }

}
