package runbook.lint.schema;

import static runbook.lint.schema.Schemas.anyOf;
import static runbook.lint.schema.Schemas.array;
import static runbook.lint.schema.Schemas.bool;
import static runbook.lint.schema.Schemas.integer;
import static runbook.lint.schema.Schemas.key;
import static runbook.lint.schema.Schemas.mapOf;
import static runbook.lint.schema.Schemas.object;
import static runbook.lint.schema.Schemas.oneOfValues;
import static runbook.lint.schema.Schemas.pattern;
import static runbook.lint.schema.Schemas.ref;
import static runbook.lint.schema.Schemas.required;
import static runbook.lint.schema.Schemas.string;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.lint.schema.Schemas.Key;
import runbook.model.ActionSpec;
import runbook.model.Actions;
import runbook.model.KeySpec;
import runbook.model.PlaybookKeys;
import runbook.model.ResultField;
import runbook.model.Step;
import runbook.model.ValueType;

/**
 * The JSON Schema (draft-07) of the playbook format, for editors: every key with a description.
 * Every step key, its schema, whether it is required and its description, is made from the action
 * descriptors ({@link Actions}), every top-level and param key from {@link PlaybookKeys}; the variant
 * keys ({@code extends}, {@code patch}) and patches are written here. This is the one
 * place the schema is made; {@code runbook schema} prints it and
 * {@code docs/playbook.schema.json} is a copy that a test keeps equal.
 */
public final class PlaybookSchema {
  private static final String ID = "^[a-z][a-z0-9_]*$";
  /** A duration: whole numbers with units, combinable ({@code 1h30m}), as {@code TimeSpan} reads them. */
  private static final String DURATION = "^([0-9]+(ms|s|m|h|d))+$";

  private PlaybookSchema() {}

  /** The action of every kind of step, by its model class. */
  public static Map<Class<? extends Step>, ActionSpec> actions() {
    Map<Class<? extends Step>, ActionSpec> m = new LinkedHashMap<>();
    Actions.ALL.forEach(a -> m.put(a.model(), a));
    return Collections.unmodifiableMap(m);
  }

  /** The result fields of an action, from its descriptor. */
  private static String results(ActionSpec a) {
    List<String> fields = new ArrayList<>();
    for (ResultField f : a.results()) {
      fields.add("`<id>." + f.name() + "` (" + f.type() + ")");
    }
    if (a == Actions.RUN) {
      fields.add("with `output-file` `<id>." + Actions.OUTPUT_FILE.name() + "`");
    }
    return (fields.isEmpty() ? " Results:" : " Results: " + String.join(", ", fields) + ", and")
        + " `<id>.ok`, `.failed`, `.skipped`.";
  }

  /** The whole schema. */
  public static Map<String, Object> build() {
    Map<String, Object> definitions = new LinkedHashMap<>();
    List<Object> steps = new ArrayList<>();
    List<Object> replacements = new ArrayList<>();
    for (ActionSpec a : Actions.ALL) {
      String name = "step-" + a.key();
      definitions.put(name, step(a, true));
      steps.add(Map.of("$ref", "#/definitions/" + name));
      // a replacement step without an id keeps the replaced step's
      definitions.put("replacement-" + a.key(), step(a, false));
      replacements.add(Map.of("$ref", "#/definitions/replacement-" + a.key()));
    }
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("description", "A step: a mapping with exactly one action key (`run`, `assert-output`,"
        + " `parse-table`, `require-state`, `confirm`) or a `steps:` list (a group).");
    step.put("oneOf", steps);
    definitions.put("step", step);
    Map<String, Object> replacement = new LinkedHashMap<>();
    replacement.put("description", "The new step of a `replace`; without an `id` it keeps the replaced step's.");
    replacement.put("oneOf", replacements);
    definitions.put("replacement", replacement);
    definitions.put("param", param());
    definitions.put("param-change", paramChange());
    definitions.put("patch", patch());

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", "runbook playbook, format version 1");
    List<Key> topKeys = new ArrayList<>();
    for (KeySpec k : PlaybookKeys.TOP_LEVEL) {
      // a variant has no steps of its own: `steps` is required by the `else` below
      topKeys.add(new Key(k.name(), value(k.type(), k.doc()), k.required() && k.type().kind() != ValueType.Kind.STEPS));
    }
    topKeys.add(key("extends", string("A variant: the playbook (or variant) this file changes, relative to this"
        + " file. `params`, `vars`, `env` and `requires` merge by name; `patch` changes the steps.")));
    topKeys.add(key("patch", array("A variant's changes to its base's steps, applied in order; every target id"
        + " must exist.", ref("patch", "One change."))));
    Map<String, Object> top = object("A runbook playbook (or a variant of one, with `extends` and `patch`).", topKeys);
    root.putAll(top);
    root.put("if", Map.of("required", List.of("extends")));
    root.put("then", Map.of("not", Map.of("required", List.of("steps"))));
    // what only a variant may write: a requires mapping, `~` removals, partial param changes
    Map<String, Object> playbookOnly = new LinkedHashMap<>();
    playbookOnly.put("required", List.of("steps"));
    Map<String, Object> narrowed = new LinkedHashMap<>();
    for (KeySpec k : PlaybookKeys.TOP_LEVEL) {
      switch (k.type().kind()) {
        case PROGRAMS -> narrowed.put(k.name(), array("A playbook lists its programs.", string("A program name.")));
        case PARAMS -> narrowed.put(k.name(), mapOf("A playbook declares whole params.", ref("param", "A parameter.")));
        case VARIABLES -> narrowed.put(k.name(), mapOf("A playbook's " + k.name() + ".", template("The value.")));
        default -> { }
      }
    }
    playbookOnly.put("properties", narrowed);
    root.put("else", playbookOnly);
    root.put("definitions", definitions);
    return root;
  }

  /** A step of action {@code a}: the common keys, then the action's, from the descriptors. */
  private static Map<String, Object> step(ActionSpec a, boolean idRequired) {
    List<Key> keys = new ArrayList<>();
    for (KeySpec k : Actions.COMMON) {
      keys.addAll(keys(k, k.required() && (idRequired || !k.name().equals("id"))));
    }
    for (KeySpec k : a.stepKeys()) {
      keys.addAll(keys(k, k.required() || k.name().equals(a.key())));
    }
    if (!a.bodyKeys().isEmpty()) {
      keys.add(required(a.key(), object(a.summary(), keys(a.bodyKeys()))));
    }
    return object(a.summary() + results(a), keys);
  }

  /** The schema keys of a mapping with these descriptor keys. */
  private static List<Key> keys(List<KeySpec> specs) {
    List<Key> out = new ArrayList<>();
    specs.forEach(k -> out.addAll(keys(k, k.required())));
    return out;
  }

  /** One descriptor key as schema keys: itself, and for an inline command the command's options. */
  private static List<Key> keys(KeySpec k, boolean required) {
    if (k.type().kind() == ValueType.Kind.INLINE_COMMAND) {
      List<Key> out = new ArrayList<>();
      for (KeySpec c : Actions.COMMAND) {
        Map<String, Object> schema = c.name().equals("run") ? value(c.type(), k.doc()) : value(c.type(), c.doc());
        out.add(new Key(c.name(), schema, required && c.name().equals("run")));
      }
      return out;
    }
    return List.of(new Key(k.name(), value(k.type(), k.doc()), required));
  }

  /** The schema of a value of this type, described by {@code doc}. */
  private static Map<String, Object> value(ValueType t, String doc) {
    String d = doc.endsWith(".") ? doc : doc + ".";
    return switch (t.kind()) {
      case TEMPLATE -> template(d);
      case EXPRESSION -> expr(d);
      case STEP_ID -> stepRef(d);
      case BOOL -> bool(d);
      case COUNT -> integer(d, 1);
      case DURATION -> duration(d);
      case STEPS -> array(d, ref("step", "A step."));
      case TEMPLATES, PATTERNS -> texts(d);
      case TEMPLATE_MAP -> mapOf(d, template("The value."));
      case COMMAND_LINE, INLINE_COMMAND -> anyOf(d, template("The command line, split into words without a shell."),
          array("One argument per element.", template("An argument.")));
      case EXIT_CODES -> anyOf(d, exitCode(), array("Exit codes.", exitCode()));
      case SIZE -> anyOf(d, string("A size such as 8MiB."), integer("Bytes.", 0));
      case NAMES -> anyOf(d, string("A name."), array("Names.", string("A name.")));
      case TEXT -> string(d);
      case CHOICE -> oneOfValues(d, t.choices().toArray(String[]::new));
      case COLUMNS -> anyOf(d, array("Names in order.", string("A column name.")),
          mapOf("Header name to column name.", string("The column name.")));
      case COLUMN_NAMES -> array(d, string("A column name."));
      case COLUMN_TYPES -> mapOf(d, oneOfValues("How the cell is converted.", t.choices().toArray(String[]::new)));
      case MAPPING -> object(d, keys(t.keys()));
      case VERSION -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", d);
        m.put("const", 1);
        yield m;
      }
      case NAME -> pattern(d, "^[a-z0-9][a-z0-9-]*$");
      case PROGRAMS -> anyOf(d + " A variant may also give a mapping: `name: true` adds a program, `name: ~`"
              + " removes the base's.",
          array("The program names.", string("A program name.")),
          mapOf("A variant's changes: program name to true (add) or ~ (remove).",
              anyOf("Add or remove.", Map.of("const", true), nullValue())));
      case PARAMS -> mapOf(d + " Params, vars and step ids share one namespace. A variant changes a base's param"
              + " with a mapping of the keys to change (`~` removes a key).",
          anyOf("A parameter, or a variant's change to one.", ref("param", "A parameter."),
              ref("param-change", "A variant's change.")));
      case VARIABLES -> mapOf(d + " In a variant `name: ~` removes the base's.",
          anyOf("The value.", template("The value."), nullValue()));
      case SCALAR -> anyOf(d, string("A value."), Map.of("type", "number"), bool("A value."));
      case SCALARS -> array(d, anyOf("A value.", string("A value."), Map.of("type", "number"), bool("A value.")));
      case ONE_OF -> {
        // exactly one alternative: each is an object that requires its own key
        List<Object> options = new ArrayList<>();
        for (KeySpec k : t.keys()) {
          options.add(object(k.doc() + ".", keys(k, true)));
        }
        yield anyOf(d, options.toArray());
      }
    };
  }

  private static Map<String, Object> exitCode() {
    Map<String, Object> m = integer("An exit code.", 0);
    m.put("maximum", 255);
    return m;
  }

  private static Map<String, Object> param() {
    return object("A parameter; without a default it is required.", keys(PlaybookKeys.PARAM));
  }

  private static Map<String, Object> patch() {
    List<Object> kinds = new ArrayList<>();
    Map<String, Object> steps = array("The steps to insert.", ref("step", "A step."));
    kinds.add(object("Insert steps before a step.", List.of(required("before", stepRef("The target.")),
        required("steps", steps))));
    kinds.add(object("Insert steps after a step.", List.of(required("after", stepRef("The target.")),
        required("steps", steps))));
    kinds.add(object("Replace a step.", List.of(required("replace", stepRef("The target.")),
        required("with", ref("replacement", "The new step.")))));
    kinds.add(object("Remove a step.", List.of(required("remove", stepRef("The target.")))));
    kinds.add(object("Change keys of a step.", List.of(required("update", stepRef("The target.")),
        required("set", Schemas.node("The keys to set, as in a step.", "object")))));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", "One change to the base's steps.");
    m.put("oneOf", kinds);
    return m;
  }

  /** A param of the base changed by a variant: the keys of a param, each also {@code ~} to remove it. */
  private static Map<String, Object> paramChange() {
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) param().get("properties");
    List<Key> keys = new ArrayList<>();
    for (Map.Entry<String, Object> e : props.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> schema = (Map<String, Object>) e.getValue();
      keys.add(key(e.getKey(), anyOf(String.valueOf(schema.get("description")) + " `~` removes the base's.", schema,
          nullValue())));
    }
    return object("A variant's change to a param its base declares: only the keys to change.", keys);
  }

  private static Map<String, Object> nullValue() {
    return Schemas.node("`~`: remove.", "null");
  }

  private static Map<String, Object> template(String description) {
    return string(description + " May contain `${...}` templates (`$${` writes a literal `${`).");
  }

  private static Map<String, Object> expr(String description) {
    return anyOf(description + " A JEXL expression over params, vars and step results.",
        string("The expression."), bool("A constant."));
  }

  private static Map<String, Object> texts(String description) {
    return anyOf(description, template("One."), array("Several.", template("One.")));
  }

  private static Map<String, Object> stepRef(String description) {
    return pattern(description + " A step id.", ID);
  }

  private static Map<String, Object> duration(String description) {
    return pattern(description + " A duration such as `90s`, `10m`, `2h`.", DURATION);
  }

}
