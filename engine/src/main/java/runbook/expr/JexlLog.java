package runbook.expr;

import org.apache.commons.logging.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JEXL's logger. JEXL asks commons-logging for one when it is given none, and that starts the whole
 * logging stack: in a cold JVM this costs more than compiling every expression of a playbook, and
 * {@code runbook lint} never logs. This one keeps what matters (JEXL's warnings and errors, sent to
 * the run's log like everything else) and looks the real logger up only when the first such message
 * comes; JEXL's debug and info chatter about introspection is off.
 */
final class JexlLog implements Log {
  private volatile Logger logger;

  private Logger logger() {
    Logger l = logger;
    if (l == null) {
      l = LoggerFactory.getLogger("org.apache.commons.jexl3");
      logger = l;
    }
    return l;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  public boolean isFatalEnabled() {
    return true;
  }

  @Override
  public void warn(Object message) {
    logger().warn(String.valueOf(message));
  }

  @Override
  public void warn(Object message, Throwable t) {
    logger().warn(String.valueOf(message), t);
  }

  @Override
  public void error(Object message) {
    logger().error(String.valueOf(message));
  }

  @Override
  public void error(Object message, Throwable t) {
    logger().error(String.valueOf(message), t);
  }

  @Override
  public void fatal(Object message) {
    error(message);
  }

  @Override
  public void fatal(Object message, Throwable t) {
    error(message, t);
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public boolean isInfoEnabled() {
    return false;
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public void debug(Object message) { }

  @Override
  public void debug(Object message, Throwable t) { }

  @Override
  public void info(Object message) { }

  @Override
  public void info(Object message, Throwable t) { }

  @Override
  public void trace(Object message) { }

  @Override
  public void trace(Object message, Throwable t) { }
}
