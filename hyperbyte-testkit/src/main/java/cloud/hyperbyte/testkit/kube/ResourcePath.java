package cloud.hyperbyte.testkit.kube;

import java.util.Arrays;
import java.util.List;

/**
 * A REST path taken apart: {@code /api/v1/namespaces/ns/pods/name/status},
 * {@code /apis/apps/v1/namespaces/ns/statefulsets}, {@code /apis/storage.k8s.io/v1/storageclasses/x}.
 */
record ResourcePath(String group, String version, String namespace, String resource, String name,
    String subresource) {

  static ResourcePath parse(String pathWithQuery) {
    List<String> s = Arrays.asList(ApiPaths.withoutQuery(pathWithQuery).replaceAll("^/+", "").split("/"));
    int i;
    String group;
    String version;
    if (s.get(0).equals("api")) {
      group = "";
      version = s.size() > 1 ? s.get(1) : "";
      i = 2;
    } else {
      group = s.size() > 1 ? s.get(1) : "";
      version = s.size() > 2 ? s.get(2) : "";
      i = 3;
    }
    String namespace = null;
    if (s.size() > i + 1 && s.get(i).equals("namespaces") && s.size() > i + 2) {
      namespace = s.get(i + 1);
      i += 2;
    }
    String resource = s.size() > i ? s.get(i) : "";
    String name = s.size() > i + 1 ? s.get(i + 1) : null;
    String subresource = s.size() > i + 2 ? s.get(i + 2) : null;
    return new ResourcePath(group, version, namespace, resource, name, subresource);
  }
}
