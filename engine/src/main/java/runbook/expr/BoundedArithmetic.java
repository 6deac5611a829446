package runbook.expr;

import java.math.MathContext;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlArithmetic;
import runbook.expr.fn.Bounds;

/**
 * JEXL's arithmetic with the engine's bounds: {@code =~} matches within the time limit and without
 * overflowing the stack, and {@code +} on text never builds more than {@link Bounds#MAX_TEXT}.
 */
final class BoundedArithmetic extends JexlArithmetic {
  BoundedArithmetic(boolean strict) {
    super(strict);
  }

  private BoundedArithmetic(boolean strict, MathContext context, int scale) {
    super(strict, context, scale);
  }

  @Override
  protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
    return new BoundedArithmetic(strict, context, scale);
  }

  @Override
  public Boolean contains(Object container, Object value) {
    Bounds.check();
    if (value != null && (container instanceof CharSequence || container instanceof Pattern)) {
      Pattern p = container instanceof Pattern ? (Pattern) container : Pattern.compile(container.toString());
      return Bounds.matches(p, value.toString());
    }
    return super.contains(container, value);
  }

  @Override
  public Object add(Object left, Object right) {
    Bounds.check();
    if (left instanceof CharSequence || right instanceof CharSequence) {
      Bounds.text((long) String.valueOf(left).length() + String.valueOf(right).length());
    }
    return super.add(left, right);
  }
}
