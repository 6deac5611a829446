package runbook.exec;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Path;
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
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n%ex");
    pattern.start();
    MaskingLayout layout = new MaskingLayout(pattern, masker);
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

  /** Formats with the pattern, then masks. */
  private static final class MaskingLayout extends LayoutBase<ILoggingEvent> {
    private final PatternLayout pattern;
    private final Masker masker;

    MaskingLayout(PatternLayout pattern, Masker masker) {
      this.pattern = pattern;
      this.masker = masker;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
      return masker.mask(pattern.doLayout(event));
    }
  }
}
