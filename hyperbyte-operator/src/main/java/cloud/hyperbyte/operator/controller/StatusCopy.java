package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;

/** Deep copies and compares status beans through their JSON form (the beans have no equals). */
final class StatusCopy {

  private StatusCopy() {}

  static HyperbytedbClusterStatus of(HyperbytedbClusterStatus status) {
    return status == null
        ? new HyperbytedbClusterStatus()
        : Serialization.unmarshal(Serialization.asJson(status), HyperbytedbClusterStatus.class);
  }

  static boolean same(HyperbytedbClusterStatus a, HyperbytedbClusterStatus b) {
    return Objects.equals(Serialization.asJson(a == null ? new HyperbytedbClusterStatus() : a),
        Serialization.asJson(b == null ? new HyperbytedbClusterStatus() : b));
  }
}
