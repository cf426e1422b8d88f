package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kubernetes Service type. */
public enum ServiceType implements WireEnum {
  @JsonProperty("ClusterIP")
  CLUSTER_IP,
  @JsonProperty("NodePort")
  NODE_PORT,
  @JsonProperty("LoadBalancer")
  LOAD_BALANCER;
}
