package runbook.exec;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import org.slf4j.Logger;

/**
 * The logging set-up before any run: nothing is logged until a run opens its log file ({@link
 * RunLog}), never to the console, and logback's own status messages are dropped. Found by logback
 * through {@code META-INF/services}; in code rather than a {@code logback.xml}, whose XML parser
 * cost every start of the engine about a tenth of its start-up time (docs/performance.md, Steps).
 */
public final class LogDefaults extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    context.getStatusManager().add(new NopStatusListener());
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
