package org.trucewatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.observation.Audience;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * CAP messages pushed to alerting hubs: after each assessment, an HTTP POST of each CAP message it
 * issued (each Alert and Update in the order of its findings, then each Cancel; a message kept from
 * before is not sent again) to each URL, delivered and tried again as {@link Alerts} says, with the
 * headers {@code X-TruceWatch-Event: cap-message} and {@code X-TruceWatch-Delivery}: the message's
 * identifier, by which a hub takes each message once. A message is written as the public is served
 * it ({@code Restricted} on a private server, as the feed), and signed when the server signs its
 * messages.
 */
public final class CapPush extends Alerts {
  private static final Logger LOG = LoggerFactory.getLogger(CapPush.class);

  /** The kind of each push, in its {@code X-TruceWatch-Event} header. */
  public static final String CAP_EVENT = "cap-message";

  /**
   * Where to push and how.
   *
   * @param urls the hubs, each {@code http} or {@code https}
   * @param publicUrl where readers reach the server, for each message's {@code web} link; none
   *     without it
   * @param restricted whether the server serves only holders of a token
   * @param signer signs each message, or null to push them unsigned
   * @param retryDelays the delay before each further attempt after a failed one
   */
  public record Settings(
      List<URI> urls,
      Optional<URI> publicUrl,
      boolean restricted,
      CapSigner signer,
      List<Duration> retryDelays) {
    public Settings {
      urls = List.copyOf(urls);
      urls.forEach(Webhooks::checkUrl);
      retryDelays = List.copyOf(retryDelays);
    }
  }

  private final Settings settings;
  private final Store store;
  private final ObjectMapper json = new ObjectMapper();
  private final FeatureOutput out = new FeatureOutput(json);
  private final HttpClient http;

  public CapPush(Settings settings, Store store) {
    super("cap", settings.urls().stream().map(URI::toString).toList(), settings.retryDelays());
    this.settings = settings;
    this.store = store;
    this.http = httpClient();
  }

  @Override
  public void stated(Monitor.DaysStated stated) {
    if (stated.issued().isEmpty()) {
      return;
    }
    Cap.Header h = header(stated);
    Map<String, JsonNode> findings = Cap.alerting(store, Audience.PUBLIC, out, null, null);
    for (Rows.AlertMessage m : stated.issued()) {
      Optional<String> xml = message(m, findings.get(m.findingId()), h);
      if (xml.isEmpty()) {
        continue;
      }
      byte[] body = xml.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int k = 0; k < receivers(); k++) {
        HttpRequest request =
            post(
                    settings.urls().get(k),
                    Cap.MEDIA_TYPE + "; charset=utf-8",
                    CAP_EVENT,
                    m.identifier(),
                    body)
                .build();
        submit(k, m.identifier(), () -> post(http, request));
      }
    }
  }

  /** The header of the messages of the assessment just stored. */
  private Cap.Header header(Monitor.DaysStated stated) {
    try {
      JsonNode report = json.readTree(store.assessmentText(Store.Text.REPORT_JSON).orElseThrow());
      return Cap.header(
          report,
          stated.stated(),
          settings.restricted(),
          settings.publicUrl().map(u -> u.toString().replaceAll("/+$", "")).orElse(null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored report.json is not JSON", e);
    }
  }

  /**
   * Message {@code m} as the public is served it, signed when the server signs; empty when it
   * cannot be sent (its finding replaced meanwhile by a newer assessment, or the certificate
   * expired), which the log says.
   */
  private Optional<String> message(Rows.AlertMessage m, JsonNode finding, Cap.Header h) {
    String xml;
    if (m.type().equals("Cancel")) {
      xml = Cap.cancel(m, h);
    } else if (finding == null) {
      LOG.warn("CAP message {} not pushed: a newer assessment replaced it", m.identifier());
      return Optional.empty();
    } else {
      xml = Cap.alert(finding, m, h);
    }
    if (settings.signer() == null) {
      return Optional.of(xml);
    }
    try {
      return Optional.of(settings.signer().sign(xml));
    } catch (CapSigner.Expired e) {
      LOG.error("CAP message {} not pushed: {}", m.identifier(), e.getMessage());
      return Optional.empty();
    }
  }
}
