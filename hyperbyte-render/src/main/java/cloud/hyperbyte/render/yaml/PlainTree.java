package cloud.hyperbyte.render.yaml;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A fabric8 model object as the plain tree (maps, lists, strings, numbers, booleans) that fabric8's
 * sorted serialization makes of it, without Jackson: building Jackson's serializers for a
 * StatefulSet's type graph cost a command-line render more than the render itself. It reads the
 * model classes' own Jackson annotations, the way the generated classes use them: properties are the
 * fields marked {@link JsonProperty}, in {@link JsonPropertyOrder} order and then declaration order;
 * null is left out, and so is an empty value where {@link JsonInclude} says {@code NON_EMPTY}; the
 * {@link JsonAnyGetter} map follows them. Maps are sorted by key. {@link Quantity} and {@link
 * AnyType} (IntOrString) become what their serializers write. Any other value this class does not
 * know (an enum, an array, a class without {@link JsonPropertyOrder}, a custom serializer) goes to {@code fallback}, so
 * the tree is never wrong, only slower.
 */
final class PlainTree {

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return Shape.of(type);
    }
  };

  private final Function<Object, Object> fallback;

  /** @param fallback the tree Jackson makes of a value this class does not know */
  PlainTree(Function<Object, Object> fallback) {
    this.fallback = fallback;
  }

  /** The plain tree of {@code value}. */
  Object of(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
        || value instanceof Long) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      return sorted(map);
    }
    if (value instanceof Collection<?> collection) {
      List<Object> list = new ArrayList<>(collection.size());
      collection.forEach(item -> list.add(of(item)));
      return list;
    }
    if (value instanceof Quantity quantity) {
      return (quantity.getAmount() == null ? "" : quantity.getAmount())
          + (quantity.getFormat() == null ? "" : quantity.getFormat());
    }
    if (value instanceof AnyType any) {
      return of(any.getValue());
    }
    Shape shape = SHAPES.get(value.getClass());
    return shape == null ? fallback.apply(value) : bean(shape, value);
  }

  private Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    // Jackson's ORDER_MAP_ENTRIES_BY_KEYS: the keys' natural order; values kept even when null
    new TreeMap<Object, Object>(map).forEach((key, item) -> out.put(String.valueOf(key), of(item)));
    return out;
  }

  private Map<String, Object> bean(Shape shape, Object bean) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Property property : shape.properties()) {
      Object value = property.read(bean);
      if (value != null && !(property.nonEmpty() && isEmpty(value))) {
        out.put(property.name(), of(value));
      }
    }
    if (shape.anyGetter() != null) {
      Map<?, ?> any = (Map<?, ?>) invoke(shape.anyGetter(), bean);
      if (any != null) {
        out.putAll(sorted(any));
      }
    }
    return out;
  }

  private static boolean isEmpty(Object value) {
    return value instanceof Collection<?> c ? c.isEmpty()
        : value instanceof Map<?, ?> m ? m.isEmpty()
        : value instanceof String s && s.isEmpty();
  }

  private static Object invoke(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + method, e);
    }
  }

  /** One serialized property of a model class. */
  private record Property(String name, Field field, boolean nonEmpty) {
    Object read(Object bean) {
      try {
        return field.get(bean);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + field, e);
      }
    }
  }

  /** How a model class serializes, or null for a class this tree leaves to Jackson. */
  private record Shape(List<Property> properties, Method anyGetter) {

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
}
