package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An enum whose manifest spelling is given by {@link JsonProperty} on each constant. */
public interface WireEnum {

  /** The value as written in a manifest, e.g. {@code IfNotPresent} or {@code sync_quorum}. */
  default String wireValue() {
    Enum<?> constant = (Enum<?>) this;
    try {
      JsonProperty property =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return property == null ? constant.name() : property.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("enum constant without a field: " + constant, e);
    }
  }
}
