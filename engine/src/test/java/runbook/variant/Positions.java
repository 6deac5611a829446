package runbook.variant;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.model.Playbook;
import runbook.model.SourceSpan;

/** Model values with every position made the same, to compare two playbooks by content only. */
public final class Positions {
  private static final SourceSpan NOWHERE = new SourceSpan("-", 1, 1);

  private Positions() {}

  /** {@code p} without positions, file name or sources. */
  public static Playbook strip(Playbook p) {
    Playbook s = (Playbook) strip((Object) p);
    return new Playbook("-", s.version(), s.name(), s.title(), s.description(), s.requires(), s.params(), s.env(),
        s.vars(), s.steps(), List.of(), s.span());
  }

  private static Object strip(Object value) {
    if (value instanceof SourceSpan) {
      return NOWHERE;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(strip(v)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, strip(v)));
      return out;
    }
    if (value instanceof Record r) {
      return rebuild(r);
    }
    return value;
  }

  private static Record rebuild(Record r) {
    RecordComponent[] components = r.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        values[i] = strip(components[i].getAccessor().invoke(r));
        types[i] = components[i].getType();
      }
      Constructor<?> c = r.getClass().getDeclaredConstructor(types);
      c.setAccessible(true);
      return (Record) c.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild " + r.getClass(), e);
    }
  }
}
