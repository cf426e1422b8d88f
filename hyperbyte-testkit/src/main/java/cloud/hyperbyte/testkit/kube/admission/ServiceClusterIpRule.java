package cloud.hyperbyte.testkit.kube.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Service's cluster IPs may not change once set: {@code validateUpgradeDowngradeClusterIPs}
 * ({@code pkg/apis/core/validation/validation.go}, from {@code ValidateServiceUpdate}), errors at
 * {@code spec.clusterIPs[i]} ({@code may not change once set}, {@code primary clusterIP can not be
 * unset}). Before validating, the server's REST storage fills an update that omits them with the
 * allocated values ({@code patchAllocatedValues} in {@code pkg/registry/core/service/storage/storage.go})
 * and keeps {@code clusterIP} and {@code clusterIPs[0]} in step; both happen here too, so an apply
 * that leaves the IPs out is fine. ExternalName services and headless-to-headless updates are exempt.
 * Not modelled: IP allocation (a Service created without a cluster IP keeps none), IP families.
 */
final class ServiceClusterIpRule implements AdmissionStep {

  @Override
  public AdmissionResult admit(AdmissionRequest request) {
    if (!request.isSpecUpdate() || !request.group().isEmpty() || !request.resource().equals("services")
        || request.oldObject() == null) {
      return AdmissionResult.admit(request.object());
    }
    ObjectNode updated = request.object();
    JsonNode oldSpec = request.oldObject().path("spec");
    List<String> oldIps = ips(oldSpec);
    if (updated.path("spec") instanceof ObjectNode spec) {
      // patchAllocatedValues: an update without cluster IPs keeps the allocated ones
      if (spec.path("clusterIP").asString("").isEmpty() && spec.path("clusterIPs").isEmpty() && !oldIps.isEmpty()
          && !isExternalName(spec)) {
        spec.put("clusterIP", oldIps.get(0));
        ArrayNode array = spec.putArray("clusterIPs");
        oldIps.forEach(array::add);
      }
    }
    JsonNode newSpec = updated.path("spec");
    List<String> newIps = ips(newSpec);
    if (isExternalName(newSpec) || isExternalName(oldSpec) || (isHeadless(oldIps) && isHeadless(newIps))) {
      return AdmissionResult.admit(updated);
    }
    ArrayNode shown = JsonNodeFactory.instance.arrayNode();
    newIps.forEach(shown::add);
    String value = newIps.isEmpty() ? "null" : shown.toString();
    if (oldIps.size() == newIps.size()) {
      for (int i = 0; i < oldIps.size(); i++) {
        if (!oldIps.get(i).equals(newIps.get(i))) {
          return refuse(i, value, "may not change once set");
        }
      }
    } else if (oldIps.size() > newIps.size()) {
      if (newIps.isEmpty()) {
        return refuse(0, value, "primary clusterIP can not be unset");
      }
      if (!newIps.get(0).equals(oldIps.get(0))) {
        return refuse(0, value, "may not change once set");
      }
    } else if (!oldIps.isEmpty() && !newIps.get(0).equals(oldIps.get(0))) {
      return refuse(0, value, "may not change once set");
    }
    return AdmissionResult.admit(updated);
  }

  private static AdmissionResult refuse(int index, String value, String detail) {
    return AdmissionResult.invalid(List.of(FieldError.invalid("spec.clusterIPs[" + index + "]", value + ": " + detail)));
  }

  /** {@code clusterIPs}, or {@code [clusterIP]} when only the singular field is set (the server's normalisation). */
  private static List<String> ips(JsonNode spec) {
    if (spec.path("clusterIPs").isArray() && !spec.path("clusterIPs").isEmpty()) {
      return spec.path("clusterIPs").valueStream().map(ip -> ip.asString("")).toList();
    }
    String single = spec.path("clusterIP").asString("");
    return single.isEmpty() ? List.of() : List.of(single);
  }

  private static boolean isHeadless(List<String> ips) {
    return !ips.isEmpty() && ips.get(0).equals("None");
  }

  private static boolean isExternalName(JsonNode spec) {
    return "ExternalName".equals(spec.path("type").asString(""));
  }
}
