package cloud.hyperbyte.model.kube;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import cloud.hyperbyte.model.v1alpha1.BoundOnFirstUse;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * How Jackson binds a class's properties, as {@link PlainBinding} binds them: its public no-argument
 * constructor and its setters by property name. {@link #of} reads the class's Jackson annotations
 * and is the one definition of the shape; {@link BindingIndex} stores what it answers.
 */
record PlainBean(Constructor<?> constructor, Map<String, Method> setters) {

  /** Thrown by {@link #create} where the class cannot be instantiated. */
  static final class CannotCreate extends Exception {
    CannotCreate() {
      super(null, null, false, false);
    }
  }

  Object create() throws CannotCreate {
    try {
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new CannotCreate();
    }
  }

  /** The shape from the class's annotations, or null where it cannot tell that Jackson binds it so. */
  static PlainBean of(Class<?> type) {
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
    return new PlainBean(constructor, Map.copyOf(setters));
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
