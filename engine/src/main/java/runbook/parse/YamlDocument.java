package runbook.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import runbook.files.InputFiles;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import runbook.diag.Diagnostic;
import runbook.diag.Diagnostics;
import runbook.diag.InvalidInputException;
import runbook.model.SourceSpan;
import runbook.model.TextPositions;
import runbook.units.Sizes;

/**
 * One YAML file loaded into {@link YamlNode}s with 1-based positions: the single entry point to YAML
 * for every reader in the project (playbooks, variants, scenarios, params files).
 *
 * <p>Loading fails with an {@link InvalidInputException} only when there is no tree to read: a syntax
 * error, an unreadable file, or a {@link YamlLimits limit} exceeded. Duplicate keys do not stop the
 * load (YAML's compose step accepts them); they are in {@link #diagnostics()} so that a reader can
 * report them together with its own findings.
 */
public final class YamlDocument {
  private final String file;
  private final List<String> lines;
  private final YamlNode root;
  private final List<Diagnostic> diagnostics;

  private YamlDocument(String file, List<String> lines, YamlNode root, List<Diagnostic> diagnostics) {
    this.file = file;
    this.lines = lines;
    this.root = root;
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Loads {@code path} under the default limits; spans name the path as given. */
  public static YamlDocument load(Path path) throws InvalidInputException {
    return load(path, YamlLimits.DEFAULT);
  }

  public static YamlDocument load(Path path, YamlLimits limits) throws InvalidInputException {
    String file = path.toString();
    SourceSpan start = new SourceSpan(file, 1, 1);
    String problem = InputFiles.problem(path);
    if (problem != null && !problem.equals("no such file")) {
      // a FIFO would block the open, a device never end: refused before opening
      throw fail(ParseRule.UNREADABLE, start, path + " " + problem,
          "give the path of a YAML file; runbook never reads from a pipe, a device or a directory");
    }
    try {
      long size = Files.size(path);
      if (size > limits.maxBytes()) {
        throw fail(ParseRule.YAML_LIMIT, start,
            "the file is " + Sizes.human(size) + ", more than the " + Sizes.human(limits.maxBytes()) + " a YAML file may have",
            "split the file, or check that this is the file you meant");
      }
      return parse(file, decode(InputFiles.read(path, limits.maxBytes()), start), limits);
    } catch (NoSuchFileException e) {
      throw fail(ParseRule.UNREADABLE, start, "no such file", "check the path");
    } catch (InputFiles.NotReadable e) {
      throw fail(ParseRule.UNREADABLE, start, e.getMessage(), "check that this is the file you meant");
    } catch (IOException e) {
      throw fail(ParseRule.UNREADABLE, start, "cannot read the file: " + e.getMessage(), null);
    }
  }

  /** Loads YAML text; {@code file} names it in spans. */
  public static YamlDocument parse(String file, String text, YamlLimits limits) throws InvalidInputException {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<String> lines = text.lines().toList();
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file)
        .setSchema(new CoreSchema())
        .setMaxAliasesForCollections(Math.max(limits.maxAliases(), 1))
        .setAllowRecursiveKeys(false)
        .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
        .build();
    try {
      Parser events = new LimitedEvents(new ParserImpl(settings, new StreamReader(settings, text)), file, limits);
      Optional<Node> node = new Composer(settings, events).getSingleNode();
      Converter converter = new Converter(file, lines, limits);
      YamlNode root = node.isPresent() ? converter.convert(node.get()) : null;
      return new YamlDocument(file, lines, root, converter.diagnostics);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      SourceSpan at = mark == null ? new SourceSpan(file, 1, 1) : span(file, mark);
      throw fail(ParseRule.YAML_SYNTAX, at, syntaxMessage(e), syntaxHint(e, at));
    } catch (LimitExceeded e) {
      throw e.diagnostic;
    } catch (YamlEngineException e) {
      throw fail(ParseRule.YAML_SYNTAX, new SourceSpan(file, 1, 1), lowerFirst(e.getMessage()), null);
    }
  }

  /** The name spans use for this file. */
  public String file() {
    return file;
  }

  /** The file's lines, for a diagnostic formatter. */
  public List<String> lines() {
    return lines;
  }

  /** The root node; null for an empty document. */
  public YamlNode root() {
    return root;
  }

  /** Problems found while loading that still left a tree to read (duplicate keys). */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * The same file with another tree, built from this document's nodes and other files' (a variant
   * applied to its base): every node keeps the span of the file it came from, and the reader of the
   * result reports into all of them. No load diagnostics are carried over: the builder reports them.
   */
  public YamlDocument withRoot(YamlNode newRoot) {
    return new YamlDocument(file, lines, newRoot, List.of());
  }

  /** The 1-based span of a 0-based mark: the one place where marks are converted. */
  static SourceSpan span(String file, Mark mark) {
    return new SourceSpan(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String decode(byte[] bytes, SourceSpan start) throws InvalidInputException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw fail(ParseRule.YAML_SYNTAX, start, "the file is not valid UTF-8", "save it as UTF-8");
    }
  }

  /**
   * The parser's events, checked one by one as the composer takes them. Composing recurses once per
   * nesting level, so a file nested thousands deep is refused here, at the event that crosses the
   * limit, before the recursion can overflow the stack.
   */
  private static final class LimitedEvents implements Parser {
    private final Parser events;
    private final String file;
    private final YamlLimits limits;
    private int depth;
    private int aliases;

    LimitedEvents(Parser events, String file, YamlLimits limits) {
      this.events = events;
      this.file = file;
      this.limits = limits;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
      return events.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
      return events.peekEvent();
    }

    @Override
    public boolean hasNext() {
      return events.hasNext();
    }

    @Override
    public Event next() {
      Event event = events.next();
      switch (event.getEventId()) {
        case MappingStart, SequenceStart -> {
          depth++;
          if (depth > limits.maxDepth()) {
            throw new LimitExceeded(fail(ParseRule.YAML_LIMIT, eventSpan(file, event),
                "nesting deeper than " + limits.maxDepth() + " levels", "flatten the structure"));
          }
        }
        case MappingEnd, SequenceEnd -> depth--;
        case Alias -> {
          aliases++;
          if (aliases > limits.maxAliases()) {
            throw new LimitExceeded(fail(ParseRule.YAML_LIMIT, eventSpan(file, event),
                "more than " + limits.maxAliases() + " aliases in one file", "write the values out instead of using aliases"));
          }
        }
        default -> { }
      }
      return event;
    }
  }

  /** Carries a limit's diagnostic out of {@link LimitedEvents#next()}, which cannot throw a checked exception. */
  private static final class LimitExceeded extends RuntimeException {
    final InvalidInputException diagnostic;

    LimitExceeded(InvalidInputException diagnostic) {
      super(null, null, false, false);
      this.diagnostic = diagnostic;
    }
  }

  private static SourceSpan eventSpan(String file, Event event) {
    return event.getStartMark().map(m -> span(file, m)).orElse(new SourceSpan(file, 1, 1));
  }

  /** Where the construct that went wrong began, when that is elsewhere (an unclosed quote). */
  private static String syntaxHint(MarkedYamlEngineException e, SourceSpan at) {
    if (e.getContext() == null || e.getContextMark().isEmpty()) {
      return null;
    }
    SourceSpan begin = span(at.file(), e.getContextMark().get());
    if (begin.equals(at)) {
      return null;
    }
    return "it began at line " + begin.line() + ", column " + begin.column();
  }

  private static String syntaxMessage(MarkedYamlEngineException e) {
    String problem = e.getProblem();
    String context = e.getContext();
    StringBuilder m = new StringBuilder();
    if (problem != null) {
      m.append(problem);
    }
    if (context != null) {
      m.append(m.length() > 0 ? " (" + context + ")" : context);
    }
    return lowerFirst(m.length() > 0 ? m.toString() : "invalid YAML");
  }

  private static String lowerFirst(String s) {
    if (s == null || s.isEmpty()) {
      return "invalid YAML";
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static InvalidInputException fail(runbook.diag.Rule rule, SourceSpan at, String message, String hint) {
    Diagnostics d = new Diagnostics();
    d.error(rule, at, message, hint);
    return new InvalidInputException(d.sorted());
  }

  /** Turns composed nodes into {@link YamlNode}s, counting the nodes aliases expand to. */
  private static final class Converter {
    private final String file;
    private final List<String> lines;
    private final YamlLimits limits;
    private final Map<Node, YamlNode> done = new IdentityHashMap<>();
    private final Map<Node, Long> expanded = new IdentityHashMap<>();
    private final Map<Node, Integer> depths = new IdentityHashMap<>();
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Converter(String file, List<String> lines, YamlLimits limits) {
      this.file = file;
      this.lines = lines;
      this.limits = limits;
    }

    YamlNode convert(Node node) throws InvalidInputException {
      YamlNode seen = done.get(node);
      if (seen != null) {
        return seen;
      }
      SourceSpan at = node.getStartMark().map(m -> span(file, m)).orElse(new SourceSpan(file, 1, 1));
      if (inProgress.contains(node)) {
        throw fail(ParseRule.YAML_LIMIT, at, "an alias refers to the collection that contains it",
            "a playbook cannot be recursive; write the value out");
      }
      inProgress.add(node);
      long count = 1;
      int depth = 0;
      YamlNode result;
      if (node instanceof ScalarNode s) {
        result = scalar(s, at);
      } else if (node instanceof SequenceNode s) {
        List<YamlNode> items = new ArrayList<>();
        for (Node child : s.getValue()) {
          items.add(convert(child));
          count += expanded.get(child);
          depth = Math.max(depth, depths.get(child));
        }
        result = new YamlSequence(items, at);
      } else {
        MappingNode m = (MappingNode) node;
        List<YamlMapping.Entry> entries = new ArrayList<>();
        Map<String, SourceSpan> keys = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
          YamlNode key = convert(t.getKeyNode());
          YamlNode value = convert(t.getValueNode());
          count += expanded.get(t.getKeyNode()) + expanded.get(t.getValueNode());
          depth = Math.max(depth, Math.max(depths.get(t.getKeyNode()), depths.get(t.getValueNode())));
          entries.add(new YamlMapping.Entry(key, value));
          checkDuplicate(keys, key);
        }
        result = new YamlMapping(entries, at);
      }
      if (!(node instanceof ScalarNode)) {
        depth++;
      }
      // an alias placed deep inside another nesting adds the two depths together
      if (depth > limits.maxDepth()) {
        throw fail(ParseRule.YAML_LIMIT, at, "aliases nest this value deeper than " + limits.maxDepth() + " levels",
            "write the values out instead of nesting aliases");
      }
      if (count > limits.maxNodes()) {
        throw fail(ParseRule.YAML_LIMIT, at,
            "aliases expand this value to more than " + limits.maxNodes() + " nodes",
            "write the values out instead of nesting aliases");
      }
      inProgress.remove(node);
      expanded.put(node, count);
      depths.put(node, depth);
      done.put(node, result);
      return result;
    }

    private void checkDuplicate(Map<String, SourceSpan> keys, YamlNode key) {
      if (!(key instanceof YamlScalar s)) {
        return;
      }
      SourceSpan first = keys.putIfAbsent(s.value(), s.span());
      if (first != null) {
        diagnostics.add(ParseRule.DUPLICATE_KEY.at(s.span(),
                "duplicate key `" + s.value() + "`")
            .withHint("the first `" + s.value() + "` is at line " + first.line() + "; keep one of them"));
      }
    }

    private YamlScalar scalar(ScalarNode s, SourceSpan at) {
      YamlScalar.Type type = YamlScalar.Type.STRING;
      if (s.isPlain()) {
        Tag tag = s.getTag();
        if (Tag.INT.equals(tag)) {
          type = YamlScalar.Type.INT;
        } else if (Tag.FLOAT.equals(tag)) {
          type = YamlScalar.Type.FLOAT;
        } else if (Tag.BOOL.equals(tag)) {
          type = YamlScalar.Type.BOOL;
        } else if (Tag.NULL.equals(tag)) {
          type = YamlScalar.Type.NULL;
        }
      }
      return new YamlScalar(s.getValue(), type, at, valueSpan(s, at));
    }

    /**
     * Where the value's first character stands, knowing where each later one stands when the value
     * is not the text of its first line (quotes, escapes, several lines, a block scalar).
     */
    private SourceSpan valueSpan(ScalarNode s, SourceSpan at) {
      ScalarStyle style = s.getScalarStyle();
      String v = s.getValue();
      Mark end = s.getEndMark().orElse(null);
      // a value on one line whose text is the source's (no escapes) is placed by its first column
      boolean sameText = end != null && end.getLine() == at.line() - 1
          && (style == ScalarStyle.PLAIN || end.getColumn() - at.column() - 1 == v.length());
      if (end != null && !sameText) {
        TextPositions p = ScalarPositions.of(file, lines, style, v, at.line() - 1, at.column() - 1,
            end.getLine(), end.getColumn());
        if (p != null) {
          // the span stays on the first character that is not a line break; the positions start
          // at the value's first character, whatever it is
          SourceSpan first = valueSpan(style, at);
          return new SourceSpan(file, first.line(), first.column(), p);
        }
      }
      return valueSpan(style, at);
    }

    /** Where the first character of the value stands, which differs from the node's start for quoted and block scalars. */
    private SourceSpan valueSpan(ScalarStyle style, SourceSpan at) {
      if (style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED) {
        return at.shift(0, 1);
      }
      if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
        for (int i = at.line(); i < lines.size(); i++) {
          String line = lines.get(i);
          if (!line.isBlank()) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
              indent++;
            }
            return new SourceSpan(file, i + 1, indent + 1);
          }
        }
      }
      return at;
    }
  }
}
