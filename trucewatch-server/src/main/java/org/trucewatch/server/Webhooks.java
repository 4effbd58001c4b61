package org.trucewatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.reports.ReportJson;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.MethodVersion;

/**
 * Alerts by webhook: after each assessment that states the figures of report days anew (for the
 * first time, or revised), an HTTP POST of one JSON alert to each URL (docs/server.md, "Alerts").
 *
 * <p>Each URL has its own queue, delivered in order: an alert is tried again after each delay of
 * {@link Settings#retryDelays} while the receiver does not answer with a 2xx status, and then
 * dropped (logged and counted as failed) so that the alerts after it still go. Alerts are kept in
 * memory only: those not delivered when the server stops are lost (logged), and the receiver can
 * catch up from {@code /api/v1/reports}, whose {@code versions} and {@code last_stated} say which
 * days changed.
 *
 * <p>With a secret, each request carries {@code X-TruceWatch-Signature: sha256=HEX}, the
 * HMAC-SHA256 of the body under the secret, so that a receiver can tell the alert came from this
 * server and was not changed on the way.
 */
public final class Webhooks implements Monitor.Listener, MeterBinder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  /** The alert's kind, in the body's {@code event} and the {@code X-TruceWatch-Event} header. */
  public static final String EVENT = "day-figures-stated";

  /** The delays before the second, third and fourth attempt of an alert, by default. */
  public static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5));

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * Where to send alerts and how.
   *
   * @param urls the receivers, each {@code http} or {@code https}
   * @param secret the key of each request's signature, if any
   * @param retryDelays the delay before each further attempt after a failed one
   */
  public record Settings(List<URI> urls, Optional<String> secret, List<Duration> retryDelays) {
    public Settings {
      urls = List.copyOf(urls);
      for (URI u : urls) {
        checkUrl(u);
      }
      secret = secret.filter(s -> !s.isEmpty());
      retryDelays = List.copyOf(retryDelays);
    }

    /** The settings without the secret, which a log must not show. */
    @Override
    public String toString() {
      return "Settings[urls="
          + urls
          + ", signed="
          + secret.isPresent()
          + ", retryDelays="
          + retryDelays
          + "]";
    }

    /** Settings with the default delays. */
    public Settings(List<URI> urls, Optional<String> secret) {
      this(urls, secret, RETRY_DELAYS);
    }
  }

  /**
   * Throws unless {@code url} is an absolute {@code http} or {@code https} URL with a host; the
   * message names what is wrong.
   */
  public static void checkUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "a webhook URL must begin with http:// or https://, was " + url);
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("a webhook URL must name a host, was " + url);
    }
  }

  private final Settings settings;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http;
  private final List<ExecutorService> queues = new ArrayList<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();

  public Webhooks(Settings settings) {
    this.settings = settings;
    // HTTP/1.1 without an upgrade to h2c, which some receivers refuse on a POST
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    for (int k = 0; k < settings.urls().size(); k++) {
      int n = k;
      queues.add(
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "trucewatch-webhook-" + n);
                t.setDaemon(true);
                return t;
              }));
    }
  }

  /** Alerts delivered (a receiver answered 2xx). */
  public long delivered() {
    return delivered.get();
  }

  /** Alerts dropped after their last attempt failed. */
  public long failed() {
    return failed.get();
  }

  /** HTTP requests made, first attempts and retries. */
  public long attempts() {
    return attempts.get();
  }

  /** Alerts queued or being tried, over all receivers. */
  public long pending() {
    return pending.get();
  }

  /** One of the counts that {@code /metrics} shows. */
  private record Count(String name, String help, ToDoubleFunction<Webhooks> value) {}

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Count c :
        List.of(
            new Count(
                "trucewatch_alerts_delivered",
                "alerts that a webhook receiver took (2xx) since the server started",
                Webhooks::delivered),
            new Count(
                "trucewatch_alerts_failed",
                "alerts dropped after their last attempt failed",
                Webhooks::failed),
            new Count(
                "trucewatch_alert_attempts",
                "webhook requests made, first attempts and retries",
                Webhooks::attempts))) {
      FunctionCounter.builder(c.name(), this, c.value()).description(c.help()).register(registry);
    }
    Gauge.builder("trucewatch_alerts_pending", this, Webhooks::pending)
        .description("alerts queued or being tried")
        .register(registry);
  }

  @Override
  public void stated(Monitor.DaysStated stated) {
    byte[] body = body(stated);
    String id = alertId(body);
    Optional<String> signature = settings.secret().map(s -> sign(s, body));
    for (int k = 0; k < queues.size(); k++) {
      URI url = settings.urls().get(k);
      pending.incrementAndGet();
      try {
        queues.get(k).execute(() -> deliver(url, body, id, signature));
      } catch (RejectedExecutionException e) {
        pending.decrementAndGet();
        LOG.warn("alert {} to {} not sent: the alerts are closed", id, url);
      }
    }
  }

  private void deliver(URI url, byte[] body, String id, Optional<String> signature) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(url)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("User-Agent", "TruceWatch (" + MethodVersion.CURRENT + ")")
              .header("X-TruceWatch-Event", EVENT)
              .header("X-TruceWatch-Delivery", id)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      signature.ifPresent(s -> b.header("X-TruceWatch-Signature", "sha256=" + s));
      HttpRequest request = b.build();
      for (int attempt = 0; ; attempt++) {
        String problem;
        attempts.incrementAndGet();
        try {
          HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() / 100 == 2) {
            delivered.incrementAndGet();
            return;
          }
          problem = "HTTP " + r.statusCode();
        } catch (IOException e) {
          problem = e.toString();
        }
        if (attempt == settings.retryDelays().size()) {
          failed.incrementAndGet();
          LOG.error(
              "alert {} to {} dropped after {} attempts; the last: {}",
              id,
              url,
              attempt + 1,
              problem);
          return;
        }
        Duration wait = settings.retryDelays().get(attempt);
        LOG.warn("alert {} to {} failed ({}); trying again in {}", id, url, problem, wait);
        Thread.sleep(wait.toMillis());
      }
    } catch (InterruptedException e) {
      LOG.warn("alert {} to {} not delivered: the server stopped", id, url);
      Thread.currentThread().interrupt();
    } finally {
      pending.decrementAndGet();
    }
  }

  /**
   * Waits until every alert queued so far is delivered or dropped, or {@code timeout} has passed;
   * returns whether none is left.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0) {
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
          giveUp(k);
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
  private void giveUp(int k) throws InterruptedException {
    dropQueued(k);
    // an interrupted attempt ends at once (a wait between attempts, or a request in flight)
    queues.get(k).awaitTermination(1, TimeUnit.SECONDS);
  }

  private void dropQueued(int k) {
    List<Runnable> left = queues.get(k).shutdownNow();
    if (!left.isEmpty()) {
      pending.addAndGet(-left.size());
      LOG.warn(
          "{} alerts to {} not delivered: the server stopped", left.size(), settings.urls().get(k));
    }
  }

  /** The alert's JSON body (docs/server.md, "Alerts"). */
  byte[] body(Monitor.DaysStated s) {
    ObjectNode root = json.createObjectNode();
    root.put("event", EVENT);
    root.put("stated", s.stated().toString());
    root.put("method_version", s.methodVersion());
    root.put("terms", s.terms());
    root.put("last_ingest_id", s.lastIngestId());
    ArrayNode days = root.putArray("days");
    for (Map.Entry<LocalDate, List<DayRevision>> e : s.days().entrySet()) {
      String day = e.getKey().toString();
      List<DayRevision> versions = e.getValue();
      ObjectNode d = days.addObject();
      d.put("date", day);
      d.put("version", versions.size());
      d.put("change", versions.size() == 1 ? "first-stated" : "revised");
      ReportJson.revision(d.putObject("figures"), versions.get(versions.size() - 1));
      if (versions.size() == 1) {
        d.putNull("previous");
      } else {
        ReportJson.revision(d.putObject("previous"), versions.get(versions.size() - 2));
      }
      ObjectNode links = d.putObject("links");
      links.put("html", Server.dayPageHref(day, "html"));
      links.put("pdf", Server.dayPageHref(day, "pdf"));
      links.put("json", "/api/v1/reports/" + day);
    }
    root.put("text", text(s.first(), s.revised()));
    try {
      return json.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert could not be written", e);
    }
  }

  /** A line for receivers that show text (chat rooms): which days, neutral and plain. */
  private static String text(List<LocalDate> first, List<LocalDate> revised) {
    List<String> parts = new ArrayList<>();
    if (!first.isEmpty()) {
      parts.add("figures stated for the first time for " + dates(first));
    }
    if (!revised.isEmpty()) {
      parts.add("figures revised for " + dates(revised));
    }
    return "Truce Watch: " + String.join("; ", parts) + ".";
  }

  private static String dates(List<LocalDate> days) {
    return String.join(", ", days.stream().map(LocalDate::toString).toList());
  }

  /** The first 16 bytes of the body's SHA-256, in hex: the same alert has the same id. */
  private static String alertId(byte[] body) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(body);
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** HMAC-SHA256 of {@code body} under {@code secret}, in hex. */
  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
