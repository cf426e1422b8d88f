package cloud.hyperbyte.testkit.kube;

import java.util.List;

/**
 * The list types the real API server uses for the lists the operator renders, by field path.
 *
 * <p>Built-in kinds follow the OpenAPI {@code x-kubernetes-list-type}/{@code patchMergeKey} of
 * Kubernetes 1.32 for the fields listed here; every other list is atomic. Custom resources follow
 * their CRD schema, and ours declare no list types, so their lists are atomic too; {@code metadata}
 * is {@code ObjectMeta} for every kind.
 */
final class ListTypes {

  private ListTypes() {}

  /**
   * The list type at {@code fieldPath} (field names from the object root, list elements skipped),
   * e.g. {@code [spec, template, spec, containers, ports]}.
   */
  static ListType at(boolean builtInKind, List<String> fieldPath) {
    String last = fieldPath.get(fieldPath.size() - 1);
    if (fieldPath.get(0).equals("metadata") && fieldPath.size() == 2) {
      return switch (last) {
        case "ownerReferences" -> ListType.map("uid");
        case "finalizers" -> ListType.SET;
        default -> ListType.ATOMIC;
      };
    }
    if (!builtInKind) {
      return ListType.ATOMIC;
    }
    String parent = fieldPath.size() > 1 ? fieldPath.get(fieldPath.size() - 2) : "";
    return switch (last) {
      case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets",
          "resourceClaims" -> ListType.map("name");
      case "volumeMounts" -> ListType.map("mountPath");
      case "volumeDevices" -> ListType.map("devicePath");
      case "hostAliases" -> ListType.map("ip");
      case "conditions" -> ListType.map("type");
      case "topologySpreadConstraints" -> ListType.map("topologyKey", "whenUnsatisfiable");
      case "ports" -> parent.endsWith("ontainers") ? ListType.map("containerPort", "protocol")
          : ListType.map("port", "protocol");
      default -> ListType.ATOMIC;
    };
  }
}
