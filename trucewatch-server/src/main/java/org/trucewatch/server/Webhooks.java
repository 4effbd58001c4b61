package org.trucewatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.trucewatch.assessment.Finding;
import org.trucewatch.reports.ReportJson;
import org.trucewatch.run.DayRevision;
import org.trucewatch.store.Rows;

/**
 * Alerts by webhook: after each assessment that states the figures of report days anew (for the
 * first time, or revised), an HTTP POST of one JSON alert to each URL (docs/server.md, "Alerts"),
 * delivered and tried again as {@link Alerts} says; a receiver takes an alert by answering 2xx.
 *
 * <p>With a secret, each request carries {@code X-TruceWatch-Signature: sha256=HEX}, the
 * HMAC-SHA256 of the body under the secret, so that a receiver can tell the alert came from this
 * server and was not changed on the way.
 */
public final class Webhooks extends Alerts {
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

  public Webhooks(Settings settings) {
    super("webhook", settings.urls().stream().map(URI::toString).toList(), settings.retryDelays());
    this.settings = settings;
    this.http = httpClient();
  }

  @Override
  public void stated(Monitor.DaysStated stated) {
    if (stated.days().isEmpty()) {
      return; // CAP messages only: no day's figures to tell
    }
    byte[] body = body(stated);
    String id = alertId(body);
    Optional<String> signature = settings.secret().map(s -> sign(s, body));
    for (int k = 0; k < receivers(); k++) {
      HttpRequest.Builder b = post(settings.urls().get(k), "application/json", EVENT, id, body);
      signature.ifPresent(s -> b.header("X-TruceWatch-Signature", "sha256=" + s));
      HttpRequest request = b.build();
      submit(k, id, () -> post(http, request));
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
      ReportJson.dayStated(d, e.getKey(), versions);
      // the day's violations and probable violations stated for the first time
      ArrayNode first = d.putArray("first_stated_findings");
      for (Finding f : s.firstStated().getOrDefault(e.getKey(), List.of())) {
        ObjectNode x = first.addObject();
        ReportJson.firstStated(x, f, e.getKey());
        x.put("href", "/api/v1/findings/" + Ogc.fid(f.id()));
      }
      // the day's violations and probable violations withdrawn, each by its CAP Cancel
      ArrayNode withdrawn = d.putArray("withdrawn_findings");
      for (Rows.AlertMessage m : s.withdrawn().getOrDefault(e.getKey(), List.of())) {
        withdrawn
            .addObject()
            .put("finding_id", m.findingId())
            .put("verdict", m.verdict())
            .put("clause_id", m.clauseId())
            .put("first_time", m.first().toString())
            .put("latitude", m.latitude())
            .put("longitude", m.longitude())
            .put("side", m.side())
            .put("oblast_code", m.oblastCode())
            .put("oblast", m.oblast())
            .put("sector", m.sector())
            .put("reason", Cap.withdrawn(m))
            .put("cap", Cap.MESSAGE_PATH + m.identifier());
      }
      ObjectNode links = d.putObject("links");
      links.put("html", Server.dayPageHref(day, "html"));
      links.put("pdf", Server.dayPageHref(day, "pdf"));
      links.put("json", "/api/v1/reports/" + day);
    }
    root.put("text", text(s));
    try {
      return json.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert could not be written", e);
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
