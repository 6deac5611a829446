package runbook.lint.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for JSON Schema (draft-07) nodes, as plain maps and lists ready for {@code Json}. */
final class Schemas {
  private Schemas() {}

  /** A key of an object: its name, its schema, and whether it must be present. */
  record Key(String name, Map<String, Object> schema, boolean required) {}

  static Key key(String name, Map<String, Object> schema) {
    return new Key(name, schema, false);
  }

  static Key required(String name, Map<String, Object> schema) {
    return new Key(name, schema, true);
  }

  /** An object that allows only the listed keys. */
  static Map<String, Object> object(String description, List<Key> keys) {
    Map<String, Object> props = new LinkedHashMap<>();
    List<Object> req = new ArrayList<>();
    for (Key k : keys) {
      props.put(k.name(), k.schema());
      if (k.required()) {
        req.add(k.name());
      }
    }
    Map<String, Object> m = node(description, "object");
    m.put("properties", props);
    if (!req.isEmpty()) {
      m.put("required", req);
    }
    m.put("additionalProperties", false);
    return m;
  }

  static Map<String, Object> string(String description) {
    return node(description, "string");
  }

  static Map<String, Object> pattern(String description, String regex) {
    Map<String, Object> m = string(description);
    m.put("pattern", regex);
    return m;
  }

  static Map<String, Object> bool(String description) {
    return node(description, "boolean");
  }

  static Map<String, Object> integer(String description, long minimum) {
    Map<String, Object> m = node(description, "integer");
    m.put("minimum", minimum);
    return m;
  }

  static Map<String, Object> oneOfValues(String description, String... values) {
    Map<String, Object> m = string(description);
    m.put("enum", List.of((Object[]) values));
    return m;
  }

  static Map<String, Object> array(String description, Map<String, Object> items) {
    Map<String, Object> m = node(description, "array");
    m.put("items", items);
    return m;
  }

  /** A mapping from any name to values of one schema. */
  static Map<String, Object> mapOf(String description, Map<String, Object> values) {
    Map<String, Object> m = node(description, "object");
    m.put("additionalProperties", values);
    return m;
  }

  /** Any of {@code options}, each a schema node. */
  static Map<String, Object> anyOf(String description, Object... options) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", description);
    m.put("anyOf", Arrays.asList(options));
    return m;
  }

  static Map<String, Object> ref(String definition, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", description);
    m.put("$ref", "#/definitions/" + definition);
    return m;
  }

  static Map<String, Object> node(String description, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", description);
    m.put("type", type);
    return m;
  }
}
