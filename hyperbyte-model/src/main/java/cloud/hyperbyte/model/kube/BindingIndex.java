package cloud.hyperbyte.model.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shapes {@link PlainBinding} binds ({@link PlainBean}, {@link PlainEnum}) stored in the resource
 * {@value #RESOURCE}, so that a command-line render reaches setters and constants by name instead of
 * reading Jackson annotations: Java parses every annotation of a class and member on first access,
 * and makes a proxy class per annotation type that no JDK 17 archive holds (about half of binding's
 * start-up). The file is written by {@link #write} from the annotations, by {@link PlainBean#of} and
 * {@link PlainEnum#of}; a class it does not name is read from its annotations as before.
 *
 * <p>Entries ({@link IndexFile}), sorted by class name: {@code bean CLASS} with one {@code set
 * PROPERTY SETTER PARAMETER-TYPE} per property; {@code enum CLASS} with one {@code spell SPELLING
 * CONSTANT} per spelling; {@code none CLASS} for a class bound only by Jackson.
 */
final class BindingIndex {

  static final String RESOURCE = "plain-binding.index";

  /** Classes whose values {@link PlainBinding} converts itself, never as a bean. */
  private static final Set<Class<?>> CONVERTED = Set.of(String.class, Integer.class, int.class, Boolean.class,
      boolean.class, Long.class, long.class, Quantity.class, IntOrString.class);

  private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
      "boolean", boolean.class, "double", double.class, "float", float.class, "short", short.class,
      "byte", byte.class, "char", char.class);

  private final IndexFile file;

  private BindingIndex(IndexFile file) {
    this.file = file;
  }

  /** The index of the model's resource; empty without one. */
  static BindingIndex load() {
    return new BindingIndex(IndexFile.load(BindingIndex.class, RESOURCE));
  }

  /** An index that names no class: every shape is read from the annotations. */
  static BindingIndex empty() {
    return new BindingIndex(IndexFile.empty());
  }

  /** Whether the index names {@code type}. */
  boolean covers(Class<?> type) {
    return file.covers(type.getName());
  }

  /** The bean shape of {@code type}: from the index where it names the class, else from its annotations. */
  PlainBean bean(Class<?> type) {
    if (covers(type)) {
      try {
        return indexedBean(type);
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        // a member the index names is gone (the index is stale, and its test fails): read the annotations
      }
    }
    return PlainBean.of(type);
  }

  /** The spellings of enum {@code type}: from the index where it names the class, else from its annotations. */
  PlainEnum spellings(Class<?> type) {
    if (covers(type)) {
      try {
        return indexedEnum(type);
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        // a constant the index names is gone (the index is stale, and its test fails): read the annotations
      }
    }
    return PlainEnum.of(type);
  }

  /** The bean shape the index holds for a class it covers. */
  PlainBean indexedBean(Class<?> type) throws ReflectiveOperationException {
    List<String[]> rows = file.rows(type.getName());
    if (!rows.get(0)[0].equals("bean")) {
      return null;
    }
    Constructor<?> constructor = type.getConstructor();
    Map<String, Method> setters = new HashMap<>();
    for (String[] row : rows.subList(1, rows.size())) {
      setters.put(row[1], type.getMethod(row[2], named(row[3], type.getClassLoader())));
    }
    return new PlainBean(constructor, Map.copyOf(setters));
  }

  /** The spellings the index holds for an enum it covers. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  PlainEnum indexedEnum(Class<?> type) throws ReflectiveOperationException {
    List<String[]> rows = file.rows(type.getName());
    if (!rows.get(0)[0].equals("enum") || !type.isEnum()) {
      return null;
    }
    Map<String, Enum<?>> constants = new HashMap<>();
    for (String[] row : rows.subList(1, rows.size())) {
      constants.put(row[1], Enum.valueOf((Class) type, row[2]));
    }
    return new PlainEnum(Map.copyOf(constants));
  }

  /** The classes the index names, by name. */
  Set<String> classNames() {
    return file.classNames();
  }

  private static Class<?> named(String name, ClassLoader loader) throws ClassNotFoundException {
    Class<?> primitive = PRIMITIVES.get(name);
    return primitive != null ? primitive : Class.forName(name, false, loader);
  }

  /**
   * The index of every class binding {@code root} can reach through setters, computed from the
   * annotations: the content of the resource file.
   */
  static String write(Class<?> root, String header) {
    Map<String, Class<?>> reached = new TreeMap<>();
    Deque<Type> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Class<?> type = reachable(todo.pop(), todo);
      if (type == null || reached.putIfAbsent(type.getName(), type) != null) {
        continue;
      }
      PlainBean bean = type.isEnum() ? null : PlainBean.of(type);
      if (bean != null) {
        for (Method setter : bean.setters().values()) {
          Type parameter = PlainBinding.resolved(setter.getGenericParameterTypes()[0], type);
          if (parameter != null) {
            todo.add(parameter);
          }
        }
      }
    }
    IndexFile.Writer out = new IndexFile.Writer(header);
    for (Class<?> type : reached.values()) {
      if (type.isEnum() && PlainEnum.of(type) != null) {
        out.entry("enum", type.getName());
        new TreeMap<>(PlainEnum.of(type).constants()).forEach((spelling, constant) -> out.member("spell", spelling, constant.name()));
        continue;
      }
      PlainBean bean = type.isEnum() ? null : PlainBean.of(type);
      if (bean == null) {
        out.entry("none", type.getName());
        continue;
      }
      out.entry("bean", type.getName());
      new TreeMap<>(bean.setters()).forEach((property, setter) ->
          out.member("set", property, setter.getName(), setter.getParameterTypes()[0].getName()));
    }
    return out.toString();
  }

  /** The class {@code type} is bound as, or null for one bound by conversion; the elements of a list or map queued. */
  private static Class<?> reachable(Type type, Deque<Type> todo) {
    Class<?> raw = type instanceof Class<?> c ? c
        : type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    if (raw == null || CONVERTED.contains(raw)) {
      return null;
    }
    if (raw == List.class || raw == Map.class) {
      if (type instanceof ParameterizedType p) {
        Type[] arguments = p.getActualTypeArguments();
        todo.add(arguments[arguments.length - 1]);
      }
      return null;
    }
    return raw;
  }
}
