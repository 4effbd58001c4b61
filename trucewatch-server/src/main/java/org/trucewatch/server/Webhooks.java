package org.trucewatch.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * Alerts by webhook: each statement of the report days' figures (after each assessment that states
 * them anew, for the first time or revised), and of an analyst's review of a finding that alerts
 * named, an HTTP POST of its JSON to each URL (docs/server.md, "Alerts"), given in order from the
 * store's log of statements as {@link Alerts} says; a receiver takes an alert by answering 2xx.
 *
 * <p>With a secret, each request carries {@code X-TruceWatch-Signature: sha256=HEX}, the
 * HMAC-SHA256 of the body under the secret, so that a receiver can tell the alert came from this
 * server and was not changed on the way.
 */
public final class Webhooks extends StatementAlerts<Webhooks.Post> {
  /**
   * Where to send alerts and how.
   *
   * @param urls the receivers, each {@code http} or {@code https}; a fragment names the part of the
   *     statements the receiver is given ({@link AlertArea#of(URI)})
   * @param secret the key of each request's signature, if any
   * @param retryDelays the delay before each further attempt after a failed one (at least one; the
   *     last is repeated while a receiver fails)
   * @param poll how often the log is read when no assessment of this process has written to it
   */
  public record Settings(
      List<URI> urls, Optional<String> secret, List<Duration> retryDelays, Duration poll) {
    public Settings {
      urls = List.copyOf(urls);
      for (URI u : urls) {
        checkReceiver(u);
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
          + ", poll="
          + poll
          + "]";
    }

    /** Settings that read the log every {@link Alerts#POLL}. */
    public Settings(List<URI> urls, Optional<String> secret, List<Duration> retryDelays) {
      this(urls, secret, retryDelays, POLL);
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

  /**
   * Throws unless {@code url} is a receiver's URL: {@link #checkUrl} and a fragment, if any, that
   * names an area ({@link AlertArea#of(URI)}); the message names what is wrong.
   */
  public static void checkReceiver(URI url) {
    checkUrl(url);
    AlertArea.of(url);
  }

  private final Settings settings;
  private final HttpClient http;
  // each receiver's part of the statements, and where they are posted (its URL without fragment)
  private final List<AlertArea> areas;
  private final List<URI> targets;

  /**
   * Starts giving each URL of {@code settings} the statements of the log of {@code store}, from
   * where the alerts to it stopped.
   */
  public Webhooks(Settings settings, Store store) {
    super("webhook", store, settings.retryDelays(), settings.poll());
    this.settings = settings;
    this.http = httpClient();
    this.areas = settings.urls().stream().map(AlertArea::of).toList();
    this.targets = settings.urls().stream().map(AlertArea::withoutFragment).toList();
    start(settings.urls().stream().map(u -> new Receiver(key(u), CapPush.shown(u))).toList());
  }

  /** How the store knows a webhook: the SHA-256 of its URL, told from a hub's. */
  public static String key(URI url) {
    return Store.sha256("webhook " + url);
  }

  @Override
  AlertArea area(int k) {
    return areas.get(k);
  }

  /** A statement ready to be posted: its kind ({@code X-TruceWatch-Event}) and its body. */
  record Post(String event, byte[] body) {}

  @Override
  Post payload(Rows.Statement s) {
    return new Post(Statement.event(s.body()), s.body().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected Optional<Failure> attempt(int k, Entry<Post> e) throws InterruptedException {
    Post p = e.payload();
    return post(http, request(targets.get(k), settings.secret(), p.event(), e.id(), p.body()));
  }

  /**
   * Posts one test alert to each receiver of {@code settings}, once and without the store's log:
   * JSON {@code {"event": "test", "sent", "method_version", "area" (of a receiver of one area),
   * "text"}} with {@code X-TruceWatch-Event: test}, signed as its alerts are; what each did with
   * it.
   */
  public static List<Tested> test(Settings settings, Instant sent) throws InterruptedException {
    HttpClient http = httpClient();
    List<Tested> out = new ArrayList<>();
    for (URI url : settings.urls()) {
      AlertArea area = AlertArea.of(url);
      ObjectNode n = Statement.JSON.createObjectNode();
      n.put("event", TEST_EVENT);
      n.put("sent", sent.toString());
      n.put("method_version", MethodVersion.CURRENT);
      Statement.putArea(n, area);
      n.put("text", testText(area, sent));
      byte[] body = n.toString().getBytes(StandardCharsets.UTF_8);
      Optional<Failure> f =
          post(
              http,
              request(
                  AlertArea.withoutFragment(url),
                  settings.secret(),
                  TEST_EVENT,
                  alertId(body),
                  body));
      out.add(new Tested("webhook", CapPush.shown(url), f.map(Failure::problem)));
    }
    return out;
  }

  /** A POST of {@code body}, signed under {@code secret} when there is one. */
  private static HttpRequest request(
      URI target, Optional<String> secret, String event, String id, byte[] body) {
    HttpRequest.Builder b = post(target, "application/json", event, id, body);
    secret.ifPresent(s -> b.header("X-TruceWatch-Signature", "sha256=" + sign(s, body)));
    return b.build();
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
