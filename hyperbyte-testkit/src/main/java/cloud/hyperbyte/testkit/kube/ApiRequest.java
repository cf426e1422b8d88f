package cloud.hyperbyte.testkit.kube;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One request to the simulated API, as RBAC sees it.
 *
 * @param verb the verb
 * @param group API group, {@code ""} for core
 * @param resource plural resource name, e.g. {@code statefulsets}
 * @param subresource e.g. {@code status}, or null
 * @param namespace namespace, or null for cluster-scoped or all-namespace requests
 * @param name object name, or null for collection requests
 * @param fromControllers whether the testkit's own simulated controllers sent it (not the code under test)
 */
public record ApiRequest(ApiVerb verb, String group, String resource, String subresource, String namespace,
    String name, boolean fromControllers) {

  /** {@code resource} or {@code resource/subresource}, as in an RBAC rule. */
  public String resourceWithSubresource() {
    return subresource == null ? resource : resource + "/" + subresource;
  }

  /**
   * Parses a resource request; empty for non-resource paths such as {@code /version}. A create names
   * its object in the body ({@code createdName}), not in the path.
   */
  static Optional<ApiRequest> parse(String method, String pathWithQuery, String createdName, boolean fromControllers) {
    String path = ApiPaths.withoutQuery(pathWithQuery);
    String[] all = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    String group;
    int rest;
    if (all.length >= 2 && all[0].equals("api")) {
      group = "";
      rest = 2;
    } else if (all.length >= 3 && all[0].equals("apis")) {
      group = all[1];
      rest = 3;
    } else {
      return Optional.empty();
    }
    String[] segments = Arrays.copyOfRange(all, rest, all.length);
    String namespace = null;
    if (segments.length >= 3 && segments[0].equals("namespaces")) {
      namespace = segments[1];
      segments = Arrays.copyOfRange(segments, 2, segments.length);
    }
    if (segments.length == 0) {
      return Optional.empty();
    }
    String resource = segments[0];
    String name = segments.length > 1 ? segments[1] : null;
    String subresource = segments.length > 2 ? segments[2] : null;
    boolean watch = "true".equals(ApiPaths.query(pathWithQuery).get("watch"));
    ApiVerb verb = switch (method.toUpperCase(Locale.ROOT)) {
      case "GET" -> watch ? ApiVerb.WATCH : name == null ? ApiVerb.LIST : ApiVerb.GET;
      case "POST" -> ApiVerb.CREATE;
      case "PUT" -> ApiVerb.UPDATE;
      case "PATCH" -> ApiVerb.PATCH;
      case "DELETE" -> name == null ? ApiVerb.DELETECOLLECTION : ApiVerb.DELETE;
      default -> null;
    };
    if (verb == null) {
      return Optional.empty();
    }
    if (verb == ApiVerb.CREATE && name == null) {
      name = createdName;
    }
    return Optional.of(new ApiRequest(verb, group, resource, subresource, namespace, name, fromControllers));
  }
}
