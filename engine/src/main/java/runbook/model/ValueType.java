package runbook.model;

import java.util.List;

/**
 * What kind of value a key holds, in one place for every consumer: {@link #word()} is the type
 * column of docs/format.md, {@link #kind()} tells {@code runbook schema} which JSON Schema to write
 * and {@code runbook render} how to write the value, {@link #choices()} are the allowed words of a
 * choice, and {@link #keys()} the keys of a nested mapping. Every consumer switches over
 * {@link Kind} exhaustively, so a new kind does not compile until each says what it does with it.
 *
 * @param kind how the value is shaped
 * @param word the type as the format reference names it
 * @param choices the allowed words ({@link Kind#CHOICE}, {@link Kind#COLUMN_TYPES}); empty otherwise
 * @param keys the keys of a {@link Kind#MAPPING}, or the alternatives of a {@link Kind#ONE_OF}
 */
public record ValueType(Kind kind, String word, List<String> choices, List<KeySpec> keys) {
  /** The shapes of values. */
  public enum Kind {
    /** A template ({@code ${...}} expanded); the model holds a {@link Template}. */
    TEMPLATE,
    /** A JEXL expression; an {@link Expr}. */
    EXPRESSION,
    /** The id of a step; a {@link Ref}. */
    STEP_ID,
    BOOL,
    /** A whole number of at least 1. */
    COUNT,
    /** A {@link TimeSpan}. */
    DURATION,
    /** A list of nested steps. */
    STEPS,
    /** One template or a list of them. */
    TEMPLATES,
    /** One regular expression (a template) or a list of them. */
    PATTERNS,
    /** A mapping of names to templates. */
    TEMPLATE_MAP,
    /** A command line (a template split into words) or a list of arguments. */
    COMMAND_LINE,
    /**
     * A command whose options are siblings of this key (a table's or a probe's {@code run}): the key
     * stands for {@link Actions#COMMAND}, and the model holds a {@link Command}.
     */
    INLINE_COMMAND,
    /** One exit code or a list of them. */
    EXIT_CODES,
    /** A byte size ({@code 8MiB}). */
    SIZE,
    /** One name of a param or var, or a list of them; {@link Ref}s. */
    NAMES,
    /** Plain text, never a template. */
    TEXT,
    /** One of {@link #choices()}. */
    CHOICE,
    /** A list of column names, or a mapping that renames header columns. */
    COLUMNS,
    /** A list of column names. */
    COLUMN_NAMES,
    /** A mapping of column names to one of {@link #choices()}. */
    COLUMN_TYPES,
    /** A mapping with the keys {@link #keys()}. */
    MAPPING,
    /** A mapping with exactly one of the keys {@link #keys()} (and, for an inline command, its options). */
    ONE_OF,
    /** The format version, a whole number; only 1 exists. */
    VERSION,
    /** A playbook name, {@code [a-z0-9][a-z0-9-]*}. */
    NAME,
    /** Names of programs; {@link Ref}s. A variant may write a mapping that adds and removes. */
    PROGRAMS,
    /** The parameters: a mapping of names to a mapping with the keys {@link #keys()}; {@link Param}s. */
    PARAMS,
    /** A mapping of names to templates at the top level ({@code env}, {@code vars}); a variant's {@code ~} removes one. */
    VARIABLES,
    /** One plain value: a string, number or boolean, kept as text. */
    SCALAR,
    /** A list of plain values. */
    SCALARS
  }

  public static final ValueType TEMPLATE = of(Kind.TEMPLATE, "template");
  public static final ValueType MARKDOWN = of(Kind.TEMPLATE, "markdown template");
  public static final ValueType EXPRESSION = of(Kind.EXPRESSION, "expression");
  public static final ValueType STEP_ID = of(Kind.STEP_ID, "step id");
  public static final ValueType BOOL = of(Kind.BOOL, "bool");
  public static final ValueType COUNT = of(Kind.COUNT, "whole number");
  public static final ValueType DURATION = of(Kind.DURATION, "duration");
  public static final ValueType STEPS = of(Kind.STEPS, "list of steps");
  public static final ValueType TEMPLATES = of(Kind.TEMPLATES, "templates");
  public static final ValueType PATTERNS = of(Kind.PATTERNS, "regular expressions");
  public static final ValueType TEMPLATE_MAP = of(Kind.TEMPLATE_MAP, "mapping of templates");
  public static final ValueType COMMAND_LINE = of(Kind.COMMAND_LINE, "command");
  public static final ValueType INLINE_COMMAND = of(Kind.INLINE_COMMAND, "command");
  public static final ValueType EXIT_CODES = of(Kind.EXIT_CODES, "exit codes");
  public static final ValueType SIZE = of(Kind.SIZE, "size");
  public static final ValueType NAMES = of(Kind.NAMES, "names");
  public static final ValueType TEXT = of(Kind.TEXT, "text");
  public static final ValueType COLUMNS = of(Kind.COLUMNS, "list or mapping of names");
  public static final ValueType COLUMN_NAMES = of(Kind.COLUMN_NAMES, "list of names");
  public static final ValueType VERSION = of(Kind.VERSION, "int");
  public static final ValueType NAME = of(Kind.NAME, "name");
  public static final ValueType PROGRAMS = of(Kind.PROGRAMS, "list of program names");
  public static final ValueType VARIABLES = of(Kind.VARIABLES, "map of templates");
  public static final ValueType SCALAR = of(Kind.SCALAR, "value");
  public static final ValueType SCALARS = of(Kind.SCALARS, "list of values");

  /** Plain text with its own name in the format reference ("markdown", "regular expression"). */
  public static ValueType text(String word) {
    return of(Kind.TEXT, word);
  }

  /** The parameters, each a mapping with {@code keys}. */
  public static ValueType params(List<KeySpec> keys) {
    return new ValueType(Kind.PARAMS, "map", List.of(), keys);
  }

  public ValueType {
    choices = List.copyOf(choices);
    keys = List.copyOf(keys);
  }

  private static ValueType of(Kind kind, String word) {
    return new ValueType(kind, word, List.of(), List.of());
  }

  /** One of {@code choices}, named in the format reference as "a, b or c". */
  public static ValueType choice(List<String> choices) {
    String word = String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    return new ValueType(Kind.CHOICE, word, choices, List.of());
  }

  /** A mapping of column names to one of {@code choices}. */
  public static ValueType columnTypes(List<String> choices) {
    return new ValueType(Kind.COLUMN_TYPES, "mapping of column types", choices, List.of());
  }

  /** A mapping with these keys. */
  public static ValueType mapping(List<KeySpec> keys) {
    return new ValueType(Kind.MAPPING, "mapping", List.of(), keys);
  }

  /** A mapping with exactly one of these keys. */
  public static ValueType oneOf(List<KeySpec> alternatives) {
    return new ValueType(Kind.ONE_OF, "mapping", List.of(), alternatives);
  }
}
