package cloud.hyperbyte.model.kube;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a plain tree (maps, lists, strings, integers, booleans, as a manifest reads) to model
 * classes the way {@link KubernetesJson#SERIALIZATION} binds them, without Jackson: building
 * Jackson's deserializers for a HyperbytedbCluster's type graph cost a command-line render about a
 * tenth of a second. It binds only what it knows Jackson binds the same way, and otherwise answers
 * empty, so that the caller binds with Jackson (and gets Jackson's errors): a value of another type
 * than the property's (Jackson would coerce it, or fail), a key that names no property, an enum
 * spelling that is not a constant's, a class with a custom deserializer, a creator or type
 * information. A property is a public one-argument setter, named by {@link JsonProperty} on it or
 * on its field, else by the bean convention; {@link Quantity} and {@link IntOrString} are read from
 * text (and an integer) as their deserializers read them. The shapes of the classes a
 * HyperbytedbCluster reaches come from {@link BindingIndex}, written from those annotations at build
 * time, so that a render reads no annotation.
 */
public final class PlainBinding {

  private static final PlainBinding INDEXED = new PlainBinding(BindingIndex.load());

  private final ClassValue<PlainBean> beans;
  private final ClassValue<PlainEnum> enums;

  /** Binds with the shapes of {@code index}, and those of classes it does not name from their annotations. */
  PlainBinding(BindingIndex index) {
    beans = new ClassValue<>() {
      @Override
      protected PlainBean computeValue(Class<?> type) {
        return index.bean(type);
      }
    };
    enums = new ClassValue<>() {
      @Override
      protected PlainEnum computeValue(Class<?> type) {
        return index.spellings(type);
      }
    };
  }

  /** Thrown where Jackson may bind differently; caught at the top. */
  private static final class Unsure extends Exception {
    Unsure() {
      super(null, null, false, false);
    }
  }

  /** {@code tree} bound to {@code type}, or empty where only Jackson can say what it binds to. */
  public static <T> Optional<T> bind(Map<String, Object> tree, Class<T> type) {
    return INDEXED.bound(tree, type);
  }

  /**
   * The spelling a manifest gives {@code constant}, as this class reads it ({@code @JsonProperty} on
   * the constant, else its name), or empty where Jackson reads the enum otherwise (a creator or a
   * value method). From the index for the model's enums, so that no annotation is read.
   */
  public static Optional<String> spelling(Enum<?> constant) {
    PlainEnum spellings = INDEXED.enums.get(constant.getDeclaringClass());
    return spellings == null ? Optional.empty() : spellings.spelling(constant);
  }

  <T> Optional<T> bound(Map<String, Object> tree, Class<T> type) {
    try {
      return Optional.of(type.cast(value(tree, type)));
    } catch (Unsure e) {
      return Optional.empty();
    }
  }

  private Object value(Object value, Type type) throws Unsure {
    Class<?> raw = raw(type);
    if (value == null) {
      if (raw.isPrimitive()) {
        throw new Unsure();
      }
      return null;
    }
    if (raw == String.class) {
      return exactly(value, String.class);
    }
    if (raw == Integer.class || raw == int.class) {
      return exactly(value, Integer.class);
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return exactly(value, Boolean.class);
    }
    if (raw == Long.class || raw == long.class) {
      return value instanceof Integer i ? Long.valueOf(i) : exactly(value, Long.class);
    }
    if (raw == Quantity.class) {
      return new Quantity(exactly(value, String.class));
    }
    if (raw == IntOrString.class) {
      if (!(value instanceof String || value instanceof Integer)) {
        throw new Unsure();
      }
      return new IntOrString(value);
    }
    if (raw.isEnum()) {
      return constant(raw, exactly(value, String.class));
    }
    if (raw == List.class) {
      List<Object> list = new ArrayList<>();
      for (Object item : exactly(value, List.class)) {
        list.add(value(item, argument(type, 0)));
      }
      return list;
    }
    if (raw == Map.class) {
      if (raw(argument(type, 0)) != String.class) {
        throw new Unsure();
      }
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) exactly(value, Map.class)).entrySet()) {
        map.put(exactly(entry.getKey(), String.class), value(entry.getValue(), argument(type, 1)));
      }
      return map;
    }
    return bean(beans.get(raw), exactly(value, Map.class));
  }

  private static <V> V exactly(Object value, Class<V> type) throws Unsure {
    if (!type.isInstance(value)) {
      throw new Unsure();
    }
    return type.cast(value);
  }

  private Object constant(Class<?> type, String spelling) throws Unsure {
    PlainEnum spellings = enums.get(type);
    Object constant = spellings == null ? null : spellings.constants().get(spelling);
    if (constant == null) {
      throw new Unsure();
    }
    return constant;
  }

  private Object bean(PlainBean bean, Map<?, ?> tree) throws Unsure {
    if (bean == null) {
      throw new Unsure();
    }
    Object target;
    try {
      target = bean.create();
    } catch (PlainBean.CannotCreate e) {
      throw new Unsure();
    }
    for (Map.Entry<?, ?> entry : tree.entrySet()) {
      Method setter = bean.setters().get(exactly(entry.getKey(), String.class));
      if (setter == null) {
        throw new Unsure();
      }
      Object bound = value(entry.getValue(), resolve(setter.getGenericParameterTypes()[0], target.getClass()));
      try {
        setter.invoke(target, bound);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new Unsure();
      }
    }
    return target;
  }

  /** A setter's parameter type with its class's type variables (CustomResource's spec and status) resolved. */
  private static Type resolve(Type type, Class<?> bean) throws Unsure {
    Type resolved = resolved(type, bean);
    if (resolved == null) {
      throw new Unsure();
    }
    return resolved;
  }

  /** As {@link #resolve}, null where a variable cannot be resolved. */
  static Type resolved(Type type, Class<?> bean) {
    if (!(type instanceof TypeVariable<?> variable) || !(variable.getGenericDeclaration() instanceof Class<?> declaring)) {
      return type;
    }
    for (Class<?> c = bean; c != null && c.getSuperclass() != null; c = c.getSuperclass()) {
      if (c.getSuperclass() == declaring && c.getGenericSuperclass() instanceof ParameterizedType parameterized) {
        TypeVariable<?>[] variables = declaring.getTypeParameters();
        for (int i = 0; i < variables.length; i++) {
          if (variables[i].getName().equals(variable.getName())) {
            return parameterized.getActualTypeArguments()[i];
          }
        }
      }
    }
    return null;
  }

  private static Class<?> raw(Type type) throws Unsure {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    throw new Unsure();
  }

  private static Type argument(Type type, int index) throws Unsure {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    throw new Unsure();
  }
}
