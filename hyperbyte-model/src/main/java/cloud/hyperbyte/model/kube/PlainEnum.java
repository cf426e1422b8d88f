package cloud.hyperbyte.model.kube;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An enum's constants by the spelling Jackson reads: {@link JsonProperty} on the constant, else its
 * name. {@link #of} reads the annotations and is the one definition; {@link BindingIndex} stores
 * what it answers.
 */
record PlainEnum(Map<String, Enum<?>> constants) {

  /** The spelling that reads {@code constant}; empty when another constant took its spelling. */
  Optional<String> spelling(Enum<?> constant) {
    for (Map.Entry<String, Enum<?>> entry : constants.entrySet()) {
      if (entry.getValue() == constant) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }

  /** The spellings from the enum's annotations, or null where a creator or value method decides instead. */
  static PlainEnum of(Class<?> type) {
    for (Method method : type.getDeclaredMethods()) {
      if (method.isAnnotationPresent(JsonCreator.class) || method.isAnnotationPresent(JsonValue.class)) {
        return null;
      }
    }
    Map<String, Enum<?>> constants = new LinkedHashMap<>();
    for (Field field : type.getFields()) {
      if (field.isEnumConstant()) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        String spelling = property == null ? field.getName() : property.value();
        try {
          // the first constant of a spelling wins, as the search through the fields found it
          constants.putIfAbsent(spelling, (Enum<?>) field.get(null));
        } catch (IllegalAccessException e) {
          return null;
        }
      }
    }
    return new PlainEnum(Map.copyOf(constants));
  }
}
