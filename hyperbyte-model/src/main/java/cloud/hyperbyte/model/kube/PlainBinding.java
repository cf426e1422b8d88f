package cloud.hyperbyte.model.kube;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import cloud.hyperbyte.model.v1alpha1.BoundOnFirstUse;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

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
 * text (and an integer) as their deserializers read them.
 */
public final class PlainBinding {

  private static final ClassValue<Bean> BEANS = new ClassValue<>() {
    @Override
    protected Bean computeValue(Class<?> type) {
      return Bean.of(type);
    }
  };

  /** Thrown where Jackson may bind differently; caught at the top. */
  private static final class Unsure extends Exception {
    Unsure() {
      super(null, null, false, false);
    }
  }

  private PlainBinding() {}

  /** {@code tree} bound to {@code type}, or empty where only Jackson can say what it binds to. */
  public static <T> Optional<T> bind(Map<String, Object> tree, Class<T> type) {
    try {
      return Optional.of(type.cast(value(tree, type)));
    } catch (Unsure e) {
      return Optional.empty();
    }
  }

  private static Object value(Object value, Type type) throws Unsure {
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
    return bean(BEANS.get(raw), exactly(value, Map.class));
  }

  private static <V> V exactly(Object value, Class<V> type) throws Unsure {
    if (!type.isInstance(value)) {
      throw new Unsure();
    }
    return type.cast(value);
  }

  private static Object constant(Class<?> type, String spelling) throws Unsure {
    for (Method method : type.getDeclaredMethods()) {
      if (method.isAnnotationPresent(JsonCreator.class) || method.isAnnotationPresent(JsonValue.class)) {
        throw new Unsure();
      }
    }
    for (Field field : type.getFields()) {
      if (field.isEnumConstant()) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        if (spelling.equals(property == null ? field.getName() : property.value())) {
          return read(field);
        }
      }
    }
    throw new Unsure();
  }

  private static Object bean(Bean bean, Map<?, ?> tree) throws Unsure {
    if (bean == null) {
      throw new Unsure();
    }
    Object target = bean.create();
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

  private static Object read(Field field) throws Unsure {
    try {
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new Unsure();
    }
  }

  /** A setter's parameter type with its class's type variables (CustomResource's spec and status) resolved. */
  private static Type resolve(Type type, Class<?> bean) throws Unsure {
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
    throw new Unsure();
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

  /** How Jackson binds a class's properties, when this class can tell; null otherwise. */
  private record Bean(Constructor<?> constructor, Map<String, Method> setters) {

    Object create() throws Unsure {
      try {
        return constructor.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new Unsure();
      }
    }

    static Bean of(Class<?> type) {
      if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers()) || type.isInterface()
          || type.isArray() || type.getName().startsWith("java.") || !plainClasses(type)) {
        return null;
      }
      Constructor<?> constructor;
      try {
        constructor = type.getConstructor();
      } catch (NoSuchMethodException e) {
        return null;
      }
      for (Constructor<?> other : type.getDeclaredConstructors()) {
        if (other.isAnnotationPresent(JsonCreator.class)) {
          return null;
        }
      }
      Map<String, Method> setters = new HashMap<>();
      Set<String> unsure = new HashSet<>();
      for (Method method : type.getMethods()) {
        if (Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        if (method.isAnnotationPresent(JsonCreator.class) || method.isAnnotationPresent(JsonSetter.class)) {
          return null;
        }
        String name = method.getName();
        if (method.getParameterCount() == 0 && method.isAnnotationPresent(JsonIgnore.class)) {
          // an ignored getter hides its property from binding too
          if (name.startsWith("get") && name.length() > 3) {
            unsure.add(propertyName(name.substring(3)));
          } else if (name.startsWith("is") && name.length() > 2) {
            unsure.add(propertyName(name.substring(2)));
          }
        }
        if (method.getParameterCount() != 1 || !name.startsWith("set") || name.length() == 3) {
          continue;
        }
        String property = propertyName(name.substring(3));
        Field field = field(type, property);
        String named = named(method.getAnnotation(JsonProperty.class));
        if (named == null && field != null) {
          named = named(field.getAnnotation(JsonProperty.class));
        }
        boolean conventional = named == null && name.length() > 4 && Character.isUpperCase(name.charAt(4));
        property = named == null ? property : named;
        // two leading capitals: Jackson 2 and 3 name such a property differently, so leave it to Jackson
        if (conventional || method.isAnnotationPresent(JsonIgnore.class)
            || field != null && field.isAnnotationPresent(JsonIgnore.class) || field != null && !plainField(field)
            || setters.put(property, method) != null) {
          unsure.add(property);
        }
      }
      unsure.forEach(setters::remove);
      return new Bean(constructor, Map.copyOf(setters));
    }

    /** The bean name of the rest of an accessor's name: its first letter lower-cased. */
    private static String propertyName(String rest) {
      return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }

    private static String named(JsonProperty property) {
      return property == null || property.value().isEmpty() ? null : property.value();
    }

    private static Field field(Class<?> type, String name) {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (field.getName().equals(name) && !Modifier.isStatic(field.getModifiers())) {
            return field;
          }
        }
      }
      return null;
    }

    /** A field whose own annotations bind it as its type's default deserializer would. */
    private static boolean plainField(Field field) {
      JsonDeserialize deserialize = field.getAnnotation(JsonDeserialize.class);
      if (deserialize == null) {
        return true;
      }
      // BoundOnFirstUse delegates to the mapper's own deserializer of the type
      boolean usingPlain = deserialize.using() == ValueDeserializer.None.class
          || deserialize.using() == BoundOnFirstUse.class;
      boolean contentPlain = deserialize.contentUsing() == ValueDeserializer.None.class
          || deserialize.contentUsing() == BoundOnFirstUse.class;
      return usingPlain && contentPlain && deserialize.as() == Void.class && deserialize.contentAs() == Void.class
          && deserialize.keyAs() == Void.class && deserialize.builder() == Void.class;
    }

    /**
     * Whether the class binds as a bean: the nearest {@link JsonDeserialize} (the class's own, else a
     * supertype's, as Jackson merges them: fabric8's resources override their interface's) names no
     * deserializer, builder or subtype, no supertype adds type information, and no property names are
     * ignored.
     */
    private static boolean plainClasses(Class<?> type) {
      JsonDeserialize deserialize = nearest(type, JsonDeserialize.class);
      JsonIgnoreProperties ignore = nearest(type, JsonIgnoreProperties.class);
      return nearest(type, JsonTypeInfo.class) == null
          && (deserialize == null || deserialize.using() == ValueDeserializer.None.class
              && deserialize.builder() == Void.class && deserialize.as() == Void.class)
          && (ignore == null || ignore.value().length == 0);
    }

    private static <A extends java.lang.annotation.Annotation> A nearest(Class<?> type, Class<A> annotation) {
      if (type == null || type == Object.class) {
        return null;
      }
      A own = type.getDeclaredAnnotation(annotation);
      if (own != null) {
        return own;
      }
      A inherited = nearest(type.getSuperclass(), annotation);
      for (Class<?> implemented : type.getInterfaces()) {
        inherited = inherited != null ? inherited : nearest(implemented, annotation);
      }
      return inherited;
    }
  }
}
