package cloud.hyperbyte.reconcile.apply;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a real API server and its controllers add to an object the operator applied: defaulted
 * fields (Kubernetes 1.32 defaulting), canonical quantities, and status. Idempotent: only fills what
 * is absent, so it can run after every write.
 */
final class ServerDefaults {

  private ServerDefaults() {}

  static void fill(GroupKind groupKind, ObjectNode object, int ordinal) {
    ObjectNode spec = object.get("spec") instanceof ObjectNode s ? s : null;
    switch (groupKind.kind()) {
      case "Service" -> service(spec, object, ordinal);
      case "StatefulSet" -> statefulSet(spec, object);
      case "Deployment" -> deployment(spec, object);
      case "PodDisruptionBudget" -> object.withObjectProperty("status")
          .put("currentHealthy", 3).put("desiredHealthy", 2).put("disruptionsAllowed", 1).put("expectedPods", 3)
          .put("observedGeneration", 1);
      case "HorizontalPodAutoscaler" -> {
        ObjectNode status = object.withObjectProperty("status");
        status.put("currentReplicas", 5).put("desiredReplicas", 6);
        if (!status.has("conditions")) {
          status.putArray("conditions").addObject().put("type", "AbleToScale").put("status", "True")
              .put("reason", "SucceededRescale").put("lastTransitionTime", "2026-11-24T00:00:00Z");
        }
      }
      case "Certificate" -> {
        ObjectNode status = object.withObjectProperty("status");
        if (!status.has("conditions")) {
          status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        }
        status.put("notAfter", "2027-02-22T00:00:00Z");
      }
      default -> {}
    }
    canonicalQuantities(object);
  }

  private static void service(ObjectNode spec, ObjectNode object, int ordinal) {
    putIfAbsent(spec, "type", "ClusterIP");
    putIfAbsent(spec, "clusterIP", "10.96.0." + (10 + ordinal));
    if (!spec.has("clusterIPs")) {
      spec.putArray("clusterIPs").add(spec.get("clusterIP").asString());
    }
    putIfAbsent(spec, "sessionAffinity", "None");
    if (!spec.has("ipFamilies")) {
      spec.putArray("ipFamilies").add("IPv4");
    }
    putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
    putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
    String type = spec.get("type").asString();
    int nodePort = 30000 + ordinal * 10;
    for (JsonNode port : spec.path("ports").values()) {
      ObjectNode p = (ObjectNode) port;
      putIfAbsent(p, "protocol", "TCP");
      if (!p.has("targetPort")) {
        p.set("targetPort", p.get("port"));
      }
      if (!type.equals("ClusterIP") && !p.has("nodePort")) {
        p.put("nodePort", nodePort++);
      }
    }
    if (!type.equals("ClusterIP")) {
      putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      putIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
      ObjectNode loadBalancer = object.withObjectProperty("status").withObjectProperty("loadBalancer");
      if (!loadBalancer.has("ingress")) {
        loadBalancer.putArray("ingress").addObject().put("ip", "203.0.113.7").put("ipMode", "VIP");
      }
    } else {
      object.withObjectProperty("status").withObjectProperty("loadBalancer");
    }
  }

  private static void statefulSet(ObjectNode spec, ObjectNode object) {
    putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    ObjectNode strategy = spec.withObjectProperty("updateStrategy");
    putIfAbsent(strategy, "type", "RollingUpdate");
    if (strategy.get("type").asString().equals("RollingUpdate")) {
      putIfAbsent(strategy.withObjectProperty("rollingUpdate"), "partition", 0);
    }
    ObjectNode retention = spec.withObjectProperty("persistentVolumeClaimRetentionPolicy");
    putIfAbsent(retention, "whenDeleted", "Retain");
    putIfAbsent(retention, "whenScaled", "Retain");
    podTemplate(spec.withObjectProperty("template"));
    for (JsonNode claim : spec.path("volumeClaimTemplates").values()) {
      ObjectNode c = (ObjectNode) claim;
      putIfAbsent(c, "apiVersion", "v1");
      putIfAbsent(c, "kind", "PersistentVolumeClaim");
      putIfAbsent(c.withObjectProperty("spec"), "volumeMode", "Filesystem");
      putIfAbsent(c.withObjectProperty("status"), "phase", "Pending");
    }
    int replicas = spec.path("replicas").asInt(1);
    object.withObjectProperty("status")
        .put("observedGeneration", 1).put("replicas", replicas).put("readyReplicas", replicas)
        .put("currentReplicas", replicas).put("updatedReplicas", replicas).put("availableReplicas", replicas)
        .put("currentRevision", "db-7c9d5b8f6").put("updateRevision", "db-7c9d5b8f6").put("collisionCount", 0);
  }

  private static void deployment(ObjectNode spec, ObjectNode object) {
    putIfAbsent(spec, "progressDeadlineSeconds", 600);
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    ObjectNode strategy = spec.withObjectProperty("strategy");
    putIfAbsent(strategy, "type", "RollingUpdate");
    podTemplate(spec.withObjectProperty("template"));
    int replicas = spec.path("replicas").asInt(1);
    object.withObjectProperty("status")
        .put("observedGeneration", 1).put("replicas", replicas).put("readyReplicas", replicas)
        .put("updatedReplicas", replicas).put("availableReplicas", replicas);
  }

  private static void podTemplate(ObjectNode template) {
    ObjectNode pod = template.withObjectProperty("spec");
    putIfAbsent(pod, "restartPolicy", "Always");
    putIfAbsent(pod, "dnsPolicy", "ClusterFirst");
    putIfAbsent(pod, "schedulerName", "default-scheduler");
    putIfAbsent(pod, "terminationGracePeriodSeconds", 30);
    pod.withObjectProperty("securityContext");
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode container : pod.path(list).values()) {
        container((ObjectNode) container);
      }
    }
    for (JsonNode volume : pod.path("volumes").values()) {
      for (String source : List.of("configMap", "secret")) {
        if (volume.get(source) instanceof ObjectNode s) {
          putIfAbsent(s, "defaultMode", 420);
        }
      }
    }
  }

  private static void container(ObjectNode container) {
    putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
    putIfAbsent(container, "terminationMessagePolicy", "File");
    putIfAbsent(container, "imagePullPolicy", "IfNotPresent");
    for (JsonNode port : container.path("ports").values()) {
      putIfAbsent((ObjectNode) port, "protocol", "TCP");
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (container.get(probe) instanceof ObjectNode p) {
        putIfAbsent(p, "timeoutSeconds", 1);
        putIfAbsent(p, "periodSeconds", 10);
        putIfAbsent(p, "successThreshold", 1);
        putIfAbsent(p, "failureThreshold", 3);
        if (p.get("httpGet") instanceof ObjectNode http) {
          putIfAbsent(http, "scheme", "HTTP");
        }
      }
    }
    for (JsonNode env : container.path("env").values()) {
      if (env.path("valueFrom").get("fieldRef") instanceof ObjectNode fieldRef) {
        putIfAbsent(fieldRef, "apiVersion", "v1");
      }
    }
  }

  /** The server stores quantities in canonical form: {@code 0.5} comes back as {@code 500m}. */
  private static void canonicalQuantities(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> entry : List.copyOf(object.properties())) {
        boolean quantities = entry.getKey().equals("requests") || entry.getKey().equals("limits");
        if (quantities && entry.getValue() instanceof ObjectNode map) {
          for (Map.Entry<String, JsonNode> q : List.copyOf(map.properties())) {
            String value = q.getValue().asString();
            if (value.matches("\\d*\\.\\d+")) {
              map.put(q.getKey(), new BigDecimal(value).movePointRight(3).stripTrailingZeros().toPlainString() + "m");
            }
          }
        } else {
          canonicalQuantities(entry.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.values().forEach(ServerDefaults::canonicalQuantities);
    }
  }

  private static void putIfAbsent(ObjectNode object, String field, String value) {
    if (!object.has(field)) {
      object.put(field, value);
    }
  }

  private static void putIfAbsent(ObjectNode object, String field, int value) {
    if (!object.has(field)) {
      object.put(field, value);
    }
  }

  private static void putIfAbsent(ObjectNode object, String field, boolean value) {
    if (!object.has(field)) {
      object.put(field, value);
    }
  }
}
