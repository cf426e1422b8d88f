package cloud.hyperbyte.render.yaml;

import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A fabric8 model object as the plain tree (maps, lists, strings, numbers, booleans) that fabric8's
 * sorted serialization makes of it, without Jackson: building Jackson's serializers for a
 * StatefulSet's type graph cost a command-line render more than the render itself. It reads the
 * model classes' own Jackson annotations, the way the generated classes use them ({@link Shape}):
 * properties are the fields marked {@code @JsonProperty}, in {@code @JsonPropertyOrder} order and
 * then declaration order; null is left out, and so is an empty value where {@code @JsonInclude} says
 * {@code NON_EMPTY}; the {@code @JsonAnyGetter} map follows them. Maps are sorted by key. {@link Quantity} and {@link
 * AnyType} (IntOrString) become what their serializers write. Any other value this class does not
 * know (an enum, an array, a class without {@code @JsonPropertyOrder}, a custom serializer) goes to {@code fallback}, so
 * the tree is never wrong, only slower. The shapes of the classes a render reaches come from
 * {@link ShapeIndex}, written from those annotations at build time, so that a render reads no
 * annotation.
 */
final class PlainTree {

  private static final ShapeIndex INDEX = ShapeIndex.load();

  private final Function<Object, Object> fallback;
  private final ClassValue<Shape> shapes;

  /** @param fallback the tree Jackson makes of a value this class does not know */
  PlainTree(Function<Object, Object> fallback) {
    this(fallback, INDEX);
  }

  /** A tree with the shapes of {@code index}, and those of classes it does not name from their annotations. */
  PlainTree(Function<Object, Object> fallback, ShapeIndex index) {
    this.fallback = fallback;
    this.shapes = new ClassValue<>() {
      @Override
      protected Shape computeValue(Class<?> type) {
        return index.shape(type);
      }
    };
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
    Shape shape = shapes.get(value.getClass());
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
    for (Shape.Property property : shape.properties()) {
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
}
