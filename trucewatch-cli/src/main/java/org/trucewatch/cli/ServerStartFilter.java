package org.trucewatch.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the web server's own "Failed to start Javalin" line from the log (named in {@code
 * logback.xml}): {@code serve} reports the same failure once, with its reason ("cannot serve on
 * HOST:PORT: Address already in use"). Every other line of the web server passes.
 */
public final class ServerStartFilter extends Filter<ILoggingEvent> {
  private static final String LOGGER = "io.javalin.Javalin";
  private static final String MESSAGE = "Failed to start Javalin";

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return LOGGER.equals(event.getLoggerName()) && MESSAGE.equals(event.getMessage())
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
