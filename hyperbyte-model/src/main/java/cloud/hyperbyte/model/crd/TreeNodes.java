package cloud.hyperbyte.model.crd;

import cloud.hyperbyte.model.kube.KubernetesJson;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Plain trees (as a manifest reads: maps, lists, strings, integers, doubles, booleans, null) to JSON
 * nodes and back, and JSON text to nodes, node for node as the mapper converts them, without
 * building a mapper: the mapper's construction was a good part of a command-line render's start-up,
 * and these conversions need none of it. A value of another type goes through the mapper.
 */
final class TreeNodes {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeNodes() {}

  /** The node the mapper's {@code convertValue(value, JsonNode.class)} gives. */
  static JsonNode node(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String s) {
      return NODES.stringNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i.intValue());
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l.longValue());
    }
    if (value instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d.doubleValue());
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      list.forEach(item -> array.add(node(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
      ObjectNode object = NODES.objectNode();
      map.forEach((key, item) -> object.set((String) key, node(item)));
      return object;
    }
    return KubernetesJson.SERIALIZATION.convertValue(value, JsonNode.class);
  }

  /** The plain value the mapper's {@code convertValue(node, Object.class)} gives. */
  static Object plain(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Map<String, Object> map = new LinkedHashMap<>();
      object.properties().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
      return map;
    }
    if (node instanceof ArrayNode array) {
      List<Object> list = new ArrayList<>(array.size());
      array.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (node instanceof StringNode) {
      return node.stringValue();
    }
    if (node instanceof IntNode) {
      return node.intValue();
    }
    if (node instanceof LongNode) {
      return node.longValue();
    }
    if (node instanceof BigIntegerNode) {
      return node.bigIntegerValue();
    }
    if (node instanceof DoubleNode) {
      return node.doubleValue();
    }
    if (node instanceof BooleanNode) {
      return node.booleanValue();
    }
    if (node instanceof NullNode) {
      return null;
    }
    return KubernetesJson.SERIALIZATION.convertValue(node, Object.class);
  }

  /** One JSON document read into nodes, as the mapper's {@code readTree} reads it. */
  static JsonNode read(InputStream json) {
    try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), json)) {
      return read(parser, parser.nextToken());
    }
  }

  private static JsonNode read(JsonParser parser, JsonToken token) {
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
          String name = parser.currentName();
          object.set(name, read(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(read(parser, next));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.stringNode(parser.getString());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(parser.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + token);
    }
  }
}
