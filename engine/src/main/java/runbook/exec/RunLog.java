package runbook.exec;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import org.slf4j.LoggerFactory;

/**
 * The run's log file ({@code runbook.log} in the run directory), configured in code so that each
 * run writes its own file. Every formatted line passes through the masker before it is written.
 */
final class RunLog implements AutoCloseable {
  private final Logger root;
  private final FileAppender<ILoggingEvent> appender;

  private RunLog(Logger root, FileAppender<ILoggingEvent> appender) {
    this.root = root;
    this.appender = appender;
  }

  static RunLog start(Path file, Masker masker) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    MaskingLayout layout = new MaskingLayout(masker);
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("run-" + file);
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return new RunLog(root, appender);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }

  /**
   * Formats a line as the pattern {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n%ex}
   * would, then masks it. Written out rather than given to logback's {@code PatternLayout}, whose
   * start (a parser, a compiler and some sixty converters, each made by a lambda) cost a run about
   * 20 ms of CPU time before its first step (docs/performance.md, Steps).
   */
  private static final class MaskingLayout extends LayoutBase<ILoggingEvent> {
    private final ZoneRules zone = ZoneId.systemDefault().getRules();
    private final Masker masker;

    MaskingLayout(Masker masker) {
      this.masker = masker;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder b = new StringBuilder(128);
      long millis = event.getTimeStamp();
      runbook.json.Timestamps.appendMillis(b, millis, zone.getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds());
      String level = event.getLevel().toString();
      b.append(' ').append(level);
      for (int i = level.length(); i < 5; i++) {
        b.append(' ');
      }
      String logger = event.getLoggerName();
      b.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(" - ")
          .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        b.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
      }
      return masker.mask(b.toString());
    }
  }
}
