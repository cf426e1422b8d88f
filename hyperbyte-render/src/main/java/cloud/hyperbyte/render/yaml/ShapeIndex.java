package cloud.hyperbyte.render.yaml;

import cloud.hyperbyte.model.kube.IndexFile;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shapes {@link PlainTree} writes ({@link Shape}) stored in the resource {@value #RESOURCE}, so
 * that a command-line render reaches fields and any-getters by name instead of reading Jackson
 * annotations: Java parses every annotation of a class and member on first access, and makes a
 * proxy class per annotation type that no JDK 17 archive holds (about a quarter of YAML writing's
 * start-up). The file is written by {@link #write} from the annotations, by {@link Shape#of}; a
 * class it does not name is read from its annotations as before.
 *
 * <p>Entries ({@link IndexFile}), sorted by class name: {@code shape CLASS} with one {@code property
 * NAME DECLARING-CLASS FIELD non-empty|non-null} per property in output order, then {@code
 * any-getter METHOD} if it has one; {@code none CLASS} for a class left to Jackson.
 */
final class ShapeIndex {

  static final String RESOURCE = "plain-tree.index";

  private final IndexFile file;
  private final boolean strict;

  private ShapeIndex(IndexFile file, boolean strict) {
    this.file = file;
    this.strict = strict;
  }

  /** The index of the render module's resource; empty without one. */
  static ShapeIndex load() {
    return new ShapeIndex(IndexFile.load(ShapeIndex.class, RESOURCE), false);
  }

  /** An index that names no class: every shape is read from the annotations. */
  static ShapeIndex empty() {
    return new ShapeIndex(IndexFile.empty(), false);
  }

  /** This index failing on a class it does not name instead of reading its annotations (tests). */
  ShapeIndex strict() {
    return new ShapeIndex(file, true);
  }

  /** Whether the index names {@code type}. */
  boolean covers(Class<?> type) {
    return file.covers(type.getName());
  }

  /** The shape of {@code type}: from the index where it names the class, else from its annotations. */
  Shape shape(Class<?> type) {
    if (covers(type)) {
      try {
        return indexedShape(type);
      } catch (ReflectiveOperationException e) {
        // a member the index names is gone (the index is stale, and its test fails): read the annotations
      }
    }
    if (strict) {
      throw new IllegalStateException(type.getName() + " is not in " + RESOURCE);
    }
    return Shape.of(type);
  }

  /** The shape the index holds for a class it covers. */
  Shape indexedShape(Class<?> type) throws ReflectiveOperationException {
    List<String[]> rows = file.rows(type.getName());
    if (rows.get(0)[0].equals("none")) {
      return null;
    }
    List<Shape.Property> properties = new ArrayList<>();
    Method anyGetter = null;
    for (String[] row : rows.subList(1, rows.size())) {
      if (row[0].equals("any-getter")) {
        anyGetter = type.getMethod(row[1]);
      } else {
        Field field = declaring(type, row[2]).getDeclaredField(row[3]);
        field.setAccessible(true);
        properties.add(new Shape.Property(row[1], field, row[4].equals("non-empty")));
      }
    }
    return new Shape(List.copyOf(properties), anyGetter);
  }

  /** The classes the index names, by name. */
  Set<String> classNames() {
    return file.classNames();
  }

  private static Class<?> declaring(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    throw new NoSuchFieldException(type.getName() + " does not extend " + name);
  }

  /**
   * The index of {@code roots} and every class their properties' declared types reach, computed
   * from the annotations: the content of the resource file.
   */
  static String write(Collection<Class<?>> roots, String header) {
    Map<String, Class<?>> reached = new TreeMap<>();
    Deque<Type> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      Type next = todo.pop();
      if (next instanceof ParameterizedType parameterized) {
        todo.addAll(List.of(parameterized.getActualTypeArguments()));
        next = parameterized.getRawType();
      }
      if (!(next instanceof Class<?> type) || !shaped(type) || reached.putIfAbsent(type.getName(), type) != null) {
        continue;
      }
      Shape shape = Shape.of(type);
      if (shape != null) {
        for (Shape.Property property : shape.properties()) {
          todo.add(property.field().getGenericType());
        }
      }
    }
    IndexFile.Writer out = new IndexFile.Writer(header);
    for (Class<?> type : reached.values()) {
      Shape shape = Shape.of(type);
      if (shape == null) {
        out.entry("none", type.getName());
        continue;
      }
      out.entry("shape", type.getName());
      for (Shape.Property property : shape.properties()) {
        out.member("property", property.name(), property.field().getDeclaringClass().getName(),
            property.field().getName(), property.nonEmpty() ? "non-empty" : "non-null");
      }
      if (shape.anyGetter() != null) {
        out.member("any-getter", shape.anyGetter().getName());
      }
    }
    return out.toString();
  }

  /**
   * Whether {@link PlainTree} asks for a shape of a value of this declared type: not for the values
   * it writes itself, nor for {@code Object}, whose values' classes the declaration does not tell.
   */
  private static boolean shaped(Class<?> type) {
    return !type.isPrimitive() && type != Object.class && type != String.class && type != Boolean.class
        && type != Integer.class && type != Long.class && !Map.class.isAssignableFrom(type)
        && !Collection.class.isAssignableFrom(type) && !Quantity.class.isAssignableFrom(type)
        && !AnyType.class.isAssignableFrom(type);
  }
}
