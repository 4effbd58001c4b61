package org.trucewatch.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.RequestLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.store.Store;

/**
 * The server's access log ({@code serve --access-log FILE}): a line for each request answered, in
 * the Combined Log Format that web servers write and log tools read, with the name of the API token
 * that the request presented (never the token) where a user name stands, and the time taken in
 * milliseconds at the end:
 *
 * <pre>
 * 203.0.113.7 - liaison-de [30/Nov/2026:16:46:10 +0000] "GET /api/v1/surveillance-reports?limit=100 HTTP/1.1" 200 5120 "-" "curl/8.1.2" 12
 * </pre>
 *
 * <p>So that a mission can tell who read what: which member state's liaison was given which of the
 * reports that other members provided, which analyst reviewed, which token ingested. A request with
 * no token, or with one that the store does not know (401), has {@code -}. The client's address is
 * the one a trusted proxy names in {@code X-Forwarded-For} ({@link TrustedProxies}). The referrer
 * and user agent are {@code "-"} when the request has none. A name that holds {@code yyyy_mm_dd}
 * makes a file a day (UTC), of which the newest {@code retainDays} are kept (Jetty's {@link
 * RequestLogWriter}); a name without it is one file, appended to, that logrotate may truncate.
 */
public final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  /**
   * What the log has written since the server started, for {@code /health} and {@code /metrics}.
   *
   * @param lines the lines written
   * @param failures the lines that could not be written (a full disk, a folder gone)
   * @param lastSuccess when a line was last written, or null before the first
   * @param lastFailure when a line last could not be, or null if none failed
   * @param lastError why
   */
  public record Status(
      long lines, long failures, Instant lastSuccess, Instant lastFailure, String lastError) {
    /** Whether the last line tried was not written: the log is losing lines now. */
    public boolean failing() {
      return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
    }
  }

  /** The format of each line: the Combined Log Format, in UTC, and milliseconds. */
  static final String FORMAT =
      "%{client}a - %u %{dd/MMM/yyyy:HH:mm:ss ZZZ|UTC}t \"%r\" %s %O \"%{Referer}i\""
          + " \"%{User-Agent}i\" %{ms}T";

  /**
   * A line's end: the referrer and the user agent, each quoted (a quote within escaped), and the
   * milliseconds.
   */
  private static final Pattern TAIL =
      Pattern.compile("(.*) \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\" (\\d+)");

  /** What a file name holds to make a file a day. */
  public static final String DAILY = "yyyy_mm_dd";

  /** How many days of daily files are kept unless told otherwise. */
  public static final int RETAIN_DAYS = 90;

  private final Path file;
  private final int retainDays;
  private final RequestLogWriter writer;
  private Status status = new Status(0, 0, null, null, null);

  private AccessLog(Path file, int retainDays, RequestLogWriter writer) {
    this.file = file;
    this.retainDays = retainDays;
    this.writer = writer;
  }

  /** What the log has written since the server started. */
  public synchronized Status status() {
    return status;
  }

  /**
   * Writes a line, counting it; a line that cannot be written is counted and dropped (the request
   * has been answered), and the first of a run of failures is logged.
   */
  private synchronized void write(String line) {
    line = dashForNone(line);
    Instant now = Clock.systemUTC().instant();
    try {
      writer.write(line);
      status =
          new Status(
              status.lines() + 1, status.failures(), now, status.lastFailure(), status.lastError());
    } catch (IOException e) {
      if (!status.failing()) {
        LOG.error("the access log {} cannot be written; lines are lost until it can", file, e);
      }
      status =
          new Status(
              status.lines(), status.failures() + 1, status.lastSuccess(), now, e.getMessage());
    }
  }

  /**
   * {@code line} with {@code "-"} for a referrer or user agent that the request did not send, as
   * the Combined Log Format has it; Jetty writes {@code ""}.
   */
  static String dashForNone(String line) {
    if (!line.contains("\"\"")) {
      return line;
    }
    Matcher m = TAIL.matcher(line);
    if (!m.matches()) {
      return line;
    }
    return m.group(1)
        + " \""
        + (m.group(2).isEmpty() ? "-" : m.group(2))
        + "\" \""
        + (m.group(3).isEmpty() ? "-" : m.group(3))
        + "\" "
        + m.group(4);
  }

  /**
   * Opens the log {@code file} (created, or appended to), keeping the newest {@code retainDays}
   * daily files when its name holds {@link #DAILY}.
   *
   * @throws IOException naming the file when it cannot be written
   */
  public static AccessLog open(Path file, int retainDays) throws IOException {
    if (retainDays < 1) {
      throw new IllegalArgumentException("the days of access log kept must be 1 or more");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new IOException("the access log's folder " + dir + " does not exist");
    }
    RequestLogWriter w = new RequestLogWriter(file.toString());
    w.setAppend(true);
    w.setRetainDays(retainDays);
    w.setTimeZone("UTC");
    try {
      w.start();
    } catch (Exception e) {
      throw new IOException("the access log " + file + " cannot be written: " + e.getMessage(), e);
    }
    return new AccessLog(file, retainDays, w);
  }

  /** The log for Jetty, which writes a line when each request is answered. */
  RequestLog requestLog() {
    return new CustomRequestLog(this::write, FORMAT);
  }

  /** Where the log goes, for the serve command's notes. */
  public String describe() {
    return file.getFileName().toString().contains(DAILY)
        ? file + " (a file a day, UTC; the newest " + retainDays + " kept)"
        : file.toString();
  }

  /** The file the log writes now (today's, for a file a day). */
  public Path current() {
    return Path.of(writer.getDatedFilename() == null ? file.toString() : writer.getDatedFilename());
  }

  /** Closes the file. */
  public void close() {
    try {
      writer.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the access log " + file + " did not close", e);
    }
  }

  /**
   * Names the holder of {@code token} as the request's user in the access log: the request was
   * answered for it.
   */
  static void identify(Context ctx, Store.Token token) {
    Principal name = token::name;
    ctx.attribute(
        Request.AuthenticationState.class.getName(),
        new Request.AuthenticationState() {
          @Override
          public Principal getUserPrincipal() {
            return name;
          }
        });
  }
}
