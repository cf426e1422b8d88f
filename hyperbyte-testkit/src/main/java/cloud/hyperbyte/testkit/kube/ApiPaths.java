package cloud.hyperbyte.testkit.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for Kubernetes REST paths ({@code /api/v1/...}, {@code /apis/<group>/<version>/...}). */
final class ApiPaths {

  private ApiPaths() {}

  static String withoutQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  static Map<String, String> query(String path) {
    Map<String, String> params = new LinkedHashMap<>();
    int q = path.indexOf('?');
    if (q < 0) {
      return params;
    }
    for (String pair : path.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  /** The path of one object: {@code apiVersion} decides {@code /api} or {@code /apis}. */
  static String objectPath(String apiVersion, String namespace, String plural, String name) {
    String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    String ns = namespace == null || namespace.isEmpty() ? "" : "/namespaces/" + namespace;
    return prefix + ns + "/" + plural + "/" + name;
  }

  /** The collection path of an object path (its last segment dropped). */
  static String collectionOf(String objectPath) {
    return objectPath.substring(0, objectPath.lastIndexOf('/'));
  }

  /**
   * Whether the path's API group is one of Kubernetes' own (core, the unqualified groups such as
   * {@code apps} and {@code *.k8s.io}); everything else is served from a CRD.
   */
  static boolean isBuiltInGroup(String path) {
    if (path.startsWith("/api/")) {
      return true;
    }
    String[] segments = path.split("/");
    if (segments.length < 3) {
      return true;
    }
    String group = segments[2];
    return !group.contains(".") || group.endsWith(".k8s.io");
  }
}
