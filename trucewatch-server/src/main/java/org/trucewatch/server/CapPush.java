package org.trucewatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.observation.Audience;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * CAP messages pushed to alerting hubs: each hub is given the messages of the store's log of alert
 * messages in the order they were issued, one HTTP POST each, with the headers {@code
 * X-TruceWatch-Event: cap-message} and {@code X-TruceWatch-Delivery}: the message's identifier, by
 * which a hub takes each message once. A message is written as the public is served it ({@code
 * Restricted} on a private server, as the feed), and signed when the server signs its messages.
 *
 * <p>The push follows the log as {@link Alerts} says: from each hub's place, kept by the store, so
 * that it goes on where it stopped after a restart and gives a hub the messages that another
 * process sharing the store issued (a scheduled {@code ingest}); a hub pushed to for the first time
 * starts at the end of the log (the feed has what came before). A hub that fails (no answer, 5xx,
 * 408, 429) is tried until it takes the message; one that refuses it (any other 4xx) once more than
 * there are retry delays passes it over. An Alert or Update replaced by a newer message before it
 * could be given to a hub is passed over too (the newer one follows in the log and references it),
 * as is one that an expired certificate would sign.
 */
public final class CapPush extends Alerts<byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(CapPush.class);

  /** The kind of each push, in its {@code X-TruceWatch-Event} header. */
  public static final String CAP_EVENT = "cap-message";

  /**
   * Where to push and how.
   *
   * @param urls the hubs, each {@code http} or {@code https}; a fragment names the part of the log
   *     the hub is given ({@link AlertArea#of(URI)})
   * @param publicUrl where readers reach the server, for each message's {@code web} link; none
   *     without it
   * @param restricted whether the server serves only holders of a token
   * @param signer signs each message, or null to push them unsigned
   * @param retryDelays the delay before each further attempt after a failed one (at least one; the
   *     last is repeated while the hub fails)
   * @param poll how often the log is read when no assessment of this process has issued messages
   */
  public record Settings(
      List<URI> urls,
      Optional<URI> publicUrl,
      boolean restricted,
      CapSigner signer,
      List<Duration> retryDelays,
      Duration poll) {
    public Settings {
      urls = List.copyOf(urls);
      urls.forEach(Webhooks::checkReceiver);
      retryDelays = List.copyOf(retryDelays);
    }

    /** Settings that read the log every {@link Alerts#POLL}. */
    public Settings(
        List<URI> urls,
        Optional<URI> publicUrl,
        boolean restricted,
        CapSigner signer,
        List<Duration> retryDelays) {
      this(urls, publicUrl, restricted, signer, retryDelays, POLL);
    }
  }

  private final Settings settings;
  private final ObjectMapper json = new ObjectMapper();
  private final FeatureOutput out = new FeatureOutput(json);
  private final HttpClient http;
  // each hub's part of the log, and where its messages are posted (its URL without the fragment)
  private final List<AlertArea> areas;
  private final List<URI> targets;

  /**
   * Starts a push to each hub of {@code settings}, from the place in the log of {@code store} where
   * the last push to it stopped.
   */
  public CapPush(Settings settings, Store store) {
    super("cap", store, settings.retryDelays(), settings.poll());
    this.settings = settings;
    this.http = httpClient();
    this.areas = settings.urls().stream().map(AlertArea::of).toList();
    this.targets = settings.urls().stream().map(AlertArea::withoutFragment).toList();
    start(settings.urls().stream().map(u -> new Receiver(key(u), shown(u))).toList());
  }

  @Override
  protected boolean wroteTo(Monitor.DaysStated stated) {
    return !stated.issued().isEmpty();
  }

  @Override
  protected long logEnd() {
    return store().alertLogEnd();
  }

  /**
   * The messages after {@code place}, each written as the public is served it, or to be passed
   * over; null when an assessment came between reading the log and reading the findings its
   * messages state, so that a message is never written with a newer finding's words.
   */
  @Override
  protected List<Entry<byte[]>> after(int k, long place) {
    Store store = store();
    Optional<Rows.AssessmentInfo> assessed = store.assessment();
    List<Rows.Logged> next = store.alertMessagesAfter(place, BATCH);
    if (next.isEmpty() || assessed.isEmpty()) {
      return List.of();
    }
    Instant made = assessed.get().made();
    Cap.Header h = header(made);
    Map<String, JsonNode> findings =
        next.stream().anyMatch(Rows.Logged::stating)
            ? Cap.alerting(store, Audience.PUBLIC, out, null, null)
            : Map.of();
    if (!store.assessment().map(Rows.AssessmentInfo::made).orElse(Instant.EPOCH).equals(made)) {
      return null; // a newer assessment came meanwhile: read the log again
    }
    AlertArea area = areas.get(k);
    List<Entry<byte[]>> entries = new ArrayList<>();
    for (Rows.Logged l : next) {
      boolean within = area.contains(l.message().sectorId(), l.message().oblastCode());
      entries.add(
          new Entry<>(
              l.seq(),
              l.message().identifier(),
              within
                  ? message(l, findings.get(l.message().findingId()), h)
                      .map(xml -> xml.getBytes(StandardCharsets.UTF_8))
                      .orElse(null)
                  : null)); // another area's: passed over
    }
    return entries;
  }

  @Override
  protected Optional<Failure> attempt(int k, Entry<byte[]> e) throws InterruptedException {
    return post(
        http,
        post(targets.get(k), Cap.MEDIA_TYPE + "; charset=utf-8", CAP_EVENT, e.id(), e.payload())
            .build());
  }

  /**
   * Posts one test message to each hub of {@code hubs}, once and without the store's log: a CAP
   * message of {@code status} {@code Test} from the sender of the truce named {@code truce}, with
   * {@code X-TruceWatch-Event: test}, signed by {@code signer} unless it is null; what each hub did
   * with it.
   */
  public static List<Tested> test(List<URI> hubs, CapSigner signer, String truce, Instant sent)
      throws InterruptedException {
    HttpClient http = httpClient();
    List<Tested> out = new ArrayList<>();
    for (URI hub : hubs) {
      String shown = shown(hub);
      String identifier = "urn:trucewatch:test:" + alertId(shown + " " + sent);
      String xml = Cap.test(truce, identifier, sent, testText(AlertArea.of(hub), sent));
      Optional<Failure> f;
      try {
        byte[] body = (signer == null ? xml : signer.sign(xml)).getBytes(StandardCharsets.UTF_8);
        f =
            post(
                http,
                post(
                        AlertArea.withoutFragment(hub),
                        Cap.MEDIA_TYPE + "; charset=utf-8",
                        TEST_EVENT,
                        identifier,
                        body)
                    .build());
      } catch (CapSigner.Expired e) {
        f = Optional.of(new Failure(e.getMessage(), false));
      }
      out.add(new Tested("cap", shown, f.map(Failure::problem)));
    }
    return out;
  }

  /** How the store knows a hub: the SHA-256 of its URL, so that a key in the URL is not kept. */
  public static String key(URI url) {
    return Store.sha256(url.toString());
  }

  /**
   * A hub's URL as operators may be shown it: without user, password or query, with the fragment
   * that names its part of the log.
   */
  public static String shown(URI url) {
    try {
      return new URI(
              url.getScheme(),
              null,
              url.getHost(),
              url.getPort(),
              url.getPath(),
              null,
              url.getFragment())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
  }

  /** The header of the messages, as of the assessment made at {@code made}. */
  private Cap.Header header(Instant made) {
    try {
      JsonNode report = json.readTree(store().assessmentText(Store.Text.REPORT_JSON).orElseThrow());
      return Cap.header(
          report,
          made,
          settings.restricted(),
          settings.publicUrl().map(u -> u.toString().replaceAll("/+$", "")).orElse(null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored report.json is not JSON", e);
    }
  }

  /**
   * Message {@code l} as the public is served it ({@code finding}: the JSON of the finding it
   * states, if it still states one), signed when the server signs; empty when it is not to be sent
   * (replaced by a newer message, or the certificate expired), which the log says.
   */
  private Optional<String> message(Rows.Logged l, JsonNode finding, Cap.Header h) {
    Rows.AlertMessage m = l.message();
    String xml;
    if (m.type().equals("Cancel")) {
      xml = Cap.cancel(m, h);
    } else if (!l.stating() || finding == null) {
      LOG.info("CAP message {} not pushed: a newer message replaced it", m.identifier());
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
