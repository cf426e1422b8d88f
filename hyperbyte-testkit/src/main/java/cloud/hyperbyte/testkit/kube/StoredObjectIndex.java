package cloud.hyperbyte.testkit.kube;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.fabric8.mockwebserver.crud.AttributeSet;
import tools.jackson.databind.JsonNode;

/**
 * Who is stored, by UID, name and owner, kept beside the CRUD store's map so a read or write of one
 * object, garbage collection and the before/after UID comparison of a write look up the few objects
 * concerned. They used to scan (and parse) every stored object, which made each request's cost grow
 * with the store: at a thousand clusters, tens of thousands of objects per write, the server's event
 * loops blocked and watch writes timed out.
 */
final class StoredObjectIndex {

  /** One stored object: what garbage collection needs to find and delete it. */
  record Entry(String uid, String path, String nameKey, Set<String> ownerUids, AttributeSet key) {}

  private final Map<String, Entry> byUid = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> uidsByName = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> dependentsByOwner = new ConcurrentHashMap<>();

  /**
   * Records {@code object}, stored under {@code key} (the CRUD map's key, which names its plural);
   * replaces what was recorded under its UID.
   */
  void put(AttributeSet key, String plural, JsonNode object) {
    JsonNode metadata = object.path("metadata");
    String uid = metadata.path("uid").asString("");
    if (uid.isEmpty() || plural == null) {
      return;
    }
    remove(uid);
    String namespace = metadata.path("namespace").asString(null);
    String name = metadata.path("name").asString("");
    Set<String> owners = new HashSet<>();
    for (JsonNode ref : metadata.path("ownerReferences")) {
      owners.add(ref.path("uid").asString(""));
    }
    String nameKey = nameKey(plural, name);
    byUid.put(uid, new Entry(uid, ApiPaths.objectPath(object.path("apiVersion").asString(""), namespace, plural, name),
        nameKey, Set.copyOf(owners), key));
    uidsByName.computeIfAbsent(nameKey, k -> ConcurrentHashMap.newKeySet()).add(uid);
    owners.forEach(owner -> dependentsByOwner.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet()).add(uid));
  }

  /** Forgets the object with {@code uid}. */
  void remove(String uid) {
    Entry gone = byUid.remove(uid);
    if (gone == null) {
      return;
    }
    Set<String> named = uidsByName.get(gone.nameKey());
    if (named != null && named.remove(uid) && named.isEmpty()) {
      uidsByName.remove(gone.nameKey(), named);
    }
    for (String owner : gone.ownerUids()) {
      Set<String> dependents = dependentsByOwner.get(owner);
      if (dependents != null && dependents.remove(uid) && dependents.isEmpty()) {
        dependentsByOwner.remove(owner, dependents);
      }
    }
  }

  void clear() {
    byUid.clear();
    uidsByName.clear();
    dependentsByOwner.clear();
  }

  boolean exists(String uid) {
    return byUid.containsKey(uid);
  }

  /** The objects stored under this plural and name, in any namespace. */
  List<Entry> named(String plural, String name) {
    List<Entry> found = new ArrayList<>();
    for (String uid : uidsByName.getOrDefault(nameKey(plural, name), Set.of())) {
      Entry entry = byUid.get(uid);
      if (entry != null) {
        found.add(entry);
      }
    }
    return found;
  }

  /** The objects that name {@code ownerUid} among their owners. */
  List<Entry> dependentsOf(String ownerUid) {
    List<Entry> found = new ArrayList<>();
    for (String uid : dependentsByOwner.getOrDefault(ownerUid, Set.of())) {
      Entry entry = byUid.get(uid);
      if (entry != null) {
        found.add(entry);
      }
    }
    return found;
  }

  private static String nameKey(String plural, String name) {
    return plural + "/" + name;
  }
}
