package cloud.hyperbyte.render.yaml;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * How a model class serializes for {@link PlainTree}: its properties in order, and its any-getter.
 * {@link #of} reads the class's Jackson annotations and is the one definition of the shape;
 * {@link ShapeIndex} stores what it answers.
 */
record Shape(List<Property> properties, Method anyGetter) {

  /** One serialized property of a model class. */
  record Property(String name, Field field, boolean nonEmpty) {
    Object read(Object bean) {
      try {
        return field.get(bean);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + field, e);
      }
    }
  }

  /** The shape from the class's annotations, or null for a class the tree leaves to Jackson. */
  static Shape of(Class<?> type) {
    JsonPropertyOrder order = type.getAnnotation(JsonPropertyOrder.class);
    if (order == null || type.isEnum() || !knownInclusion(type.getAnnotation(JsonInclude.class))
        || type.isAnnotationPresent(JsonSerialize.class)) {
      return null;
    }
    boolean classNonEmpty = nonEmpty(type.getAnnotation(JsonInclude.class));
    Map<String, Property> byName = new LinkedHashMap<>();
    Deque<Class<?>> hierarchy = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.push(c);
    }
    for (Class<?> c : hierarchy) {
      for (Field field : c.getDeclaredFields()) {
        JsonProperty json = field.getAnnotation(JsonProperty.class);
        if (json == null || Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        JsonInclude include = field.getAnnotation(JsonInclude.class);
        if (!knownInclusion(include) || field.getType().isArray() || field.isAnnotationPresent(JsonSerialize.class)
            || field.isAnnotationPresent(JsonUnwrapped.class) || field.isAnnotationPresent(JsonFormat.class)
            || field.isAnnotationPresent(JsonRawValue.class)) {
          return null;
        }
        field.setAccessible(true);
        String name = json.value().isEmpty() ? field.getName() : json.value();
        byName.put(name, new Property(name, field, include == null ? classNonEmpty : nonEmpty(include)));
      }
    }
    List<Property> properties = new ArrayList<>();
    for (String name : order.value()) {
      Property property = byName.remove(name);
      if (property != null) {
        properties.add(property);
      }
    }
    properties.addAll(byName.values());
    Method anyGetter = null;
    for (Method method : type.getMethods()) {
      // an any-getter returns a Map: reading the annotations of every other method (a model class
      // has dozens) cost a render more than the rest of this class
      if (method.getParameterCount() == 0 && Map.class.isAssignableFrom(method.getReturnType())
          && method.isAnnotationPresent(JsonAnyGetter.class)) {
        anyGetter = method;
      }
    }
    return new Shape(List.copyOf(properties), anyGetter);
  }

  /** The inclusions the model uses: the mapper's default (non-null), non-null and non-empty values. */
  private static boolean knownInclusion(JsonInclude include) {
    return include == null
        || (include.value() == JsonInclude.Include.NON_NULL || include.value() == JsonInclude.Include.NON_EMPTY)
        && include.content() == JsonInclude.Include.ALWAYS;
  }

  private static boolean nonEmpty(JsonInclude include) {
    return include != null && include.value() == JsonInclude.Include.NON_EMPTY;
  }
}
