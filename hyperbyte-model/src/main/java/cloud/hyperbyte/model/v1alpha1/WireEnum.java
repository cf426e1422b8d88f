package cloud.hyperbyte.model.v1alpha1;

import cloud.hyperbyte.model.kube.PlainBinding;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** An enum whose manifest spelling is given by {@link JsonProperty} on each constant. */
public interface WireEnum {

  /** The value as written in a manifest, e.g. {@code IfNotPresent} or {@code sync_quorum}. */
  default String wireValue() {
    Enum<?> constant = (Enum<?>) this;
    // the binding's index holds the model enums' spellings: reading the annotation costs a render
    // Java's annotation parsing and a proxy class
    Optional<String> indexed = PlainBinding.spelling(constant);
    if (indexed.isPresent()) {
      return indexed.get();
    }
    try {
      JsonProperty property =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return property == null ? constant.name() : property.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("enum constant without a field: " + constant, e);
    }
  }
}
