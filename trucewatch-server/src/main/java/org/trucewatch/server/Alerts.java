package org.trucewatch.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.assessment.Verdict;

/**
 * Alerts to a list of receivers (webhook URLs, e-mail addresses), sent after each assessment that
 * states the figures of report days anew (docs/server.md, "Alerts").
 *
 * <p>Each receiver has its own queue, delivered in order: an alert is tried again after each delay
 * of the retry delays while the receiver does not take it, and then dropped (logged and counted as
 * failed) so that the alerts after it still go. Alerts are kept in memory only: those not delivered
 * when the server stops are lost (logged), and the receiver can catch up from {@code
 * /api/v1/reports}, whose {@code versions} and {@code last_stated} say which days changed.
 */
public abstract class Alerts implements Monitor.Listener, MeterBinder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

  /** The alert's kind, in a webhook's body and headers and an e-mail's headers. */
  public static final String EVENT = "day-figures-stated";

  /** The delays before the second, third and fourth attempt of an alert, by default. */
  public static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5));

  /** One attempt to hand an alert to its receiver. */
  @FunctionalInterface
  protected interface Attempt {
    /** Null when the receiver took the alert, else what went wrong, for the log. */
    String run() throws InterruptedException;
  }

  private final String channel;
  private final List<String> receivers;
  private final List<Duration> retryDelays;
  private final List<ExecutorService> queues = new ArrayList<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();

  /**
   * @param channel how alerts go, {@code webhook} or {@code email}: the thread names and the {@code
   *     channel} tag of the metrics
   * @param receivers each receiver, as the log names it
   * @param retryDelays the delay before each further attempt after a failed one
   */
  protected Alerts(String channel, List<String> receivers, List<Duration> retryDelays) {
    this.channel = channel;
    this.receivers = List.copyOf(receivers);
    this.retryDelays = List.copyOf(retryDelays);
    for (int k = 0; k < receivers.size(); k++) {
      String name = "trucewatch-" + channel + "-" + k;
      queues.add(
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
              }));
    }
  }

  /** How long an HTTP receiver has to connect and to answer. */
  protected static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A client for HTTP receivers: HTTP/1.1 without an upgrade to h2c, which some refuse on a POST.
   */
  protected static java.net.http.HttpClient httpClient() {
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .connectTimeout(HTTP_TIMEOUT)
        .build();
  }

  /**
   * A POST of {@code body} to {@code url}, with its type, the Truce Watch agent, the kind of alert
   * and the id by which a receiver takes it once ({@code X-TruceWatch-Event}, {@code
   * X-TruceWatch-Delivery}).
   */
  protected static java.net.http.HttpRequest.Builder post(
      java.net.URI url, String contentType, String event, String delivery, byte[] body) {
    return java.net.http.HttpRequest.newBuilder(url)
        .timeout(HTTP_TIMEOUT)
        .header("Content-Type", contentType)
        .header("User-Agent", "TruceWatch (" + org.trucewatch.run.MethodVersion.CURRENT + ")")
        .header("X-TruceWatch-Event", event)
        .header("X-TruceWatch-Delivery", delivery)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /**
   * One HTTP POST by {@code http}: null when the receiver answered 2xx, else what it answered or
   * what failed, for the log.
   */
  protected static String post(java.net.http.HttpClient http, java.net.http.HttpRequest request)
      throws InterruptedException {
    try {
      java.net.http.HttpResponse<Void> r =
          http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
      return r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** The number of receivers. */
  protected final int receivers() {
    return receivers.size();
  }

  /** Queues alert {@code id} for receiver {@code k}, to be handed over by {@code attempt}. */
  protected final void submit(int k, String id, Attempt attempt) {
    pending.incrementAndGet();
    try {
      queues.get(k).execute(() -> deliver(receivers.get(k), id, attempt));
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      LOG.warn("alert {} to {} not sent: the alerts are closed", id, receivers.get(k));
    }
  }

  /** Counts an attempt, and an alert delivered when the receiver {@code took} it. */
  protected final void attempted(boolean took) {
    attempts.incrementAndGet();
    if (took) {
      delivered.incrementAndGet();
    }
  }

  /** Counts an alert dropped after its last attempt failed. */
  protected final void dropped() {
    failed.incrementAndGet();
  }

  private void deliver(String to, String id, Attempt attempt) {
    try {
      for (int n = 0; ; n++) {
        String problem = attempt.run();
        attempted(problem == null);
        if (problem == null) {
          return;
        }
        if (n == retryDelays.size()) {
          dropped();
          LOG.error(
              "alert {} to {} dropped after {} attempts; the last: {}", id, to, n + 1, problem);
          return;
        }
        Duration wait = retryDelays.get(n);
        LOG.warn("alert {} to {} failed ({}); trying again in {}", id, to, problem, wait);
        Thread.sleep(wait.toMillis());
      }
    } catch (InterruptedException e) {
      LOG.warn("alert {} to {} not delivered: the server stopped", id, to);
      Thread.currentThread().interrupt();
    } finally {
      pending.decrementAndGet();
    }
  }

  /** Alerts delivered (a receiver took them). */
  public long delivered() {
    return delivered.get();
  }

  /** Alerts dropped after their last attempt failed. */
  public long failed() {
    return failed.get();
  }

  /** Attempts made, first attempts and retries. */
  public long attempts() {
    return attempts.get();
  }

  /** Alerts queued or being tried, over all receivers. */
  public long pending() {
    return pending.get();
  }

  /** One of the counts that {@code /metrics} shows. */
  private record Count(String name, String help, ToDoubleFunction<Alerts> value) {}

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Count c :
        List.of(
            new Count(
                "trucewatch_alerts_delivered",
                "alerts that a receiver took since the server started",
                Alerts::delivered),
            new Count(
                "trucewatch_alerts_failed",
                "alerts dropped after their last attempt failed",
                Alerts::failed),
            new Count(
                "trucewatch_alert_attempts",
                "attempts to deliver alerts, first attempts and retries",
                Alerts::attempts))) {
      FunctionCounter.builder(c.name(), this, c.value())
          .description(c.help())
          .tag("channel", channel)
          .register(registry);
    }
    Gauge.builder("trucewatch_alerts_pending", this, Alerts::pending)
        .description("alerts queued or being tried")
        .tag("channel", channel)
        .register(registry);
  }

  /**
   * Waits until every alert queued so far is delivered or dropped, or {@code timeout} has passed;
   * returns whether none is left.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /**
   * Stops: gives the alerts queued a few seconds to go out, then gives up on the rest (each is
   * logged).
   */
  @Override
  public void close() {
    queues.forEach(ExecutorService::shutdown);
    try {
      for (int k = 0; k < queues.size(); k++) {
        if (!queues.get(k).awaitTermination(5, TimeUnit.SECONDS)) {
          dropQueued(k);
          // an interrupted attempt ends at once (a wait between attempts, or one in flight)
          queues.get(k).awaitTermination(1, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      for (int k = 0; k < queues.size(); k++) {
        dropQueued(k);
      }
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops queue {@code k}: the alert being tried is interrupted and logs itself, those not begun
   * are logged here.
   */
  private void dropQueued(int k) {
    List<Runnable> left = queues.get(k).shutdownNow();
    if (!left.isEmpty()) {
      pending.addAndGet(-left.size());
      LOG.warn("{} alerts to {} not delivered: the server stopped", left.size(), receivers.get(k));
    }
  }

  /** A line naming the days stated, for receivers that show text: neutral and plain. */
  static String text(Monitor.DaysStated s) {
    List<String> parts = new ArrayList<>();
    if (!s.first().isEmpty()) {
      parts.add("figures stated for the first time for " + dates(s.first()));
    }
    if (!s.revised().isEmpty()) {
      parts.add("figures revised for " + dates(s.revised()));
    }
    byVerdict("findings first stated: ", s::firstStated).ifPresent(parts::add);
    byVerdict("findings withdrawn: ", s::withdrawn).ifPresent(parts::add);
    return "Truce Watch: " + String.join("; ", parts) + ".";
  }

  /**
   * {@code what} and the count of violations and probable violations by {@code count}, such as
   * {@code findings withdrawn: 2 violation}; empty when there are none.
   */
  private static java.util.Optional<String> byVerdict(
      String what, java.util.function.ToIntFunction<Verdict> count) {
    List<String> counted = new ArrayList<>();
    for (Verdict v : List.of(Verdict.VIOLATION, Verdict.PROBABLE_VIOLATION)) {
      int n = count.applyAsInt(v);
      if (n > 0) {
        counted.add(n + " " + v.key().replace('-', ' '));
      }
    }
    return counted.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(what + String.join(", ", counted));
  }

  private static String dates(List<java.time.LocalDate> days) {
    return String.join(", ", days.stream().map(java.time.LocalDate::toString).toList());
  }

  /**
   * The first 16 bytes of the SHA-256 of {@code content}, in hex: the same alert has the same id.
   */
  static String alertId(byte[] content) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** {@link #alertId(byte[])} of a text. */
  static String alertId(String content) {
    return alertId(content.getBytes(StandardCharsets.UTF_8));
  }
}
