package cloud.hyperbyte.model.v1alpha1;

import cloud.hyperbyte.model.kube.PlainBinding;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An enum whose manifest spelling is given by {@link JsonProperty} on each constant. */
public interface WireEnum {

  /** The value as written in a manifest, e.g. {@code IfNotPresent} or {@code sync_quorum}. */
  default String wireValue() {
    Enum<?> constant = (Enum<?>) this;
    // the spelling the binding reads (one rule for both; for the model's enums from its index, so
    // that a render parses no annotation)
    return PlainBinding.spelling(constant).orElseThrow(() -> new IllegalStateException(constant.getDeclaringClass()
        .getName() + "." + constant.name() + " has no spelling of its own: another constant of its enum has it,"
        + " or the enum is read through a creator or value method"));
  }
}
