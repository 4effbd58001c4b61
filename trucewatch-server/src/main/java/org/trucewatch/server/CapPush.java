package org.trucewatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
 * <p>The push follows the log, not the assessments of this process: the store keeps each hub's
 * place in the log, so that a push goes on where it stopped after a restart, and gives a hub the
 * messages that another process sharing the store issued (a scheduled {@code ingest}). It reads the
 * log when the monitor has issued messages and at least every {@link Settings#poll()}. A hub pushed
 * to for the first time starts at the end of the log (the feed has what came before).
 *
 * <p>A hub that fails (no answer, 5xx, 408, 429) is tried again after each of the retry delays and
 * then every last delay until it takes the message; the messages after it wait, so that a hub gets
 * them in order. A message that the hub refuses (any other 4xx) once more than there are retry
 * delays is passed over (logged and counted as failed). An Alert or Update replaced by a newer
 * message before it could be given to a hub is passed over too (the newer one follows in the log
 * and references it), as is one that an expired certificate would sign.
 */
public final class CapPush extends Alerts {
  private static final Logger LOG = LoggerFactory.getLogger(CapPush.class);

  /** The kind of each push, in its {@code X-TruceWatch-Event} header. */
  public static final String CAP_EVENT = "cap-message";

  /** How often the log is read for messages that another process issued, by default. */
  public static final Duration POLL = Duration.ofSeconds(30);

  /** How many messages of the log are read at a time. */
  static final int BATCH = 100;

  /** A hub's answer that refuses the message itself: a 4xx but 408 and 429. */
  private static final Pattern REFUSED = Pattern.compile("HTTP 4(?!08|29)\\d\\d");

  /**
   * Where to push and how.
   *
   * @param urls the hubs, each {@code http} or {@code https}
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
      urls.forEach(Webhooks::checkUrl);
      retryDelays = List.copyOf(retryDelays);
      if (retryDelays.isEmpty()) {
        throw new IllegalArgumentException("a CAP push needs at least one retry delay");
      }
    }

    /** Settings that read the log every {@link #POLL}. */
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
  private final Store store;
  private final ObjectMapper json = new ObjectMapper();
  private final FeatureOutput out = new FeatureOutput(json);
  private final HttpClient http;
  private final List<Hub> hubs = new ArrayList<>();
  private final Object wake = new Object();
  private long wakes; // guarded by wake
  private volatile boolean closing;

  /**
   * Starts a push to each hub of {@code settings}, from the place in the log of {@code store} where
   * the last push to it stopped.
   */
  public CapPush(Settings settings, Store store) {
    super("cap", List.of(), settings.retryDelays());
    this.settings = settings;
    this.store = store;
    this.http = httpClient();
    for (int k = 0; k < settings.urls().size(); k++) {
      hubs.add(new Hub(k, settings.urls().get(k)));
    }
    hubs.forEach(Hub::start);
  }

  @Override
  public void stated(Monitor.DaysStated stated) {
    if (!stated.issued().isEmpty()) {
      synchronized (wake) {
        wakes++;
        wake.notifyAll();
      }
    }
  }

  /** The messages of the log that some hub has yet to be given or to pass over. */
  @Override
  public long pending() {
    long end;
    try {
      end = store.alertLogEnd();
    } catch (RuntimeException e) {
      return 0; // the store is closed: nothing more will be pushed by this process
    }
    long behind = 0;
    for (Hub h : hubs) {
      behind += Math.max(0, end - h.place);
    }
    return behind;
  }

  /**
   * How the push to one hub stands, for {@code /health}.
   *
   * @param hub the hub's URL without user, password or query
   * @param place the number of the last message of the log it was given or passed over
   * @param behind how many messages of the log come after that
   * @param failingSince when the attempts to give it the message they are on began to fail; null
   *     while the hub takes them
   * @param problem what the last failed attempt came to; null while the hub takes them
   */
  public record HubStatus(
      String hub, long place, long behind, Instant failingSince, String problem) {}

  /** How the push to each hub stands, in the order of the settings. */
  public List<HubStatus> status() {
    long end = store.alertLogEnd();
    List<HubStatus> out = new ArrayList<>();
    for (Hub h : hubs) {
      Failing f = h.failing;
      out.add(
          new HubStatus(
              h.shown,
              h.place,
              Math.max(0, end - h.place),
              f == null ? null : f.since(),
              f == null ? null : f.problem()));
    }
    return out;
  }

  /** Attempts failing since {@code since}, the last with {@code problem}. */
  private record Failing(Instant since, String problem) {}

  /** Stops each push; the store keeps where each stopped, and the next push begins there. */
  @Override
  public void close() {
    closing = true;
    hubs.forEach(h -> h.thread.interrupt());
    try {
      for (Hub h : hubs) {
        h.thread.join(Duration.ofSeconds(5).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.close();
  }

  /** The count of wake-ups so far, taken before the log is read. */
  private long wakes() {
    synchronized (wake) {
      return wakes;
    }
  }

  /** Waits until a wake-up after the {@code seen}th, or {@link Settings#poll()} has passed. */
  private void sleep(long seen) throws InterruptedException {
    synchronized (wake) {
      if (wakes == seen) {
        wake.wait(settings.poll().toMillis());
      }
    }
  }

  /** One hub: its place in the log and the thread that follows the log for it. */
  private final class Hub implements Runnable {
    private final URI url;
    private final String key;
    private final String shown;
    private final Thread thread;
    private volatile long place;
    private volatile Failing failing;

    Hub(int k, URI url) {
      this.url = url;
      this.key = key(url);
      this.shown = shown(url);
      Optional<Long> before = store.alertPushPlace(key);
      if (before.isPresent()) {
        place = before.get();
        long behind = store.alertLogEnd() - place;
        if (behind > 0) {
          LOG.info("CAP push to {}: {} messages of the log to give it first", shown, behind);
        }
      } else {
        place = store.alertLogEnd();
        store.alertPushed(key, shown, place);
      }
      thread = new Thread(this, "trucewatch-cap-" + k);
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    @Override
    public void run() {
      while (!closing) {
        try {
          follow();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          if (closing) {
            return;
          }
          LOG.error("CAP push to {} stopped ({}); trying again in {}", shown, e, settings.poll());
          try {
            Thread.sleep(settings.poll().toMillis());
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }

    /** Gives the hub the messages after its place, or waits for more. */
    private void follow() throws InterruptedException {
      long seen = wakes();
      Optional<Rows.AssessmentInfo> assessed = store.assessment();
      List<Rows.Logged> next = store.alertMessagesAfter(place, BATCH);
      if (next.isEmpty() || assessed.isEmpty()) {
        sleep(seen);
        return;
      }
      Instant made = assessed.get().made();
      Cap.Header h = header(made);
      Map<String, JsonNode> findings =
          next.stream().anyMatch(Rows.Logged::stating)
              ? Cap.alerting(store, Audience.PUBLIC, out, null, null)
              : Map.of();
      if (!store.assessment().map(Rows.AssessmentInfo::made).orElse(Instant.EPOCH).equals(made)) {
        return; // a newer assessment came meanwhile: read the log again
      }
      for (Rows.Logged l : next) {
        Optional<String> xml = message(l, findings.get(l.message().findingId()), h);
        if (xml.isPresent()) {
          deliver(l.message().identifier(), xml.get().getBytes(StandardCharsets.UTF_8));
        }
        place = l.seq();
        store.alertPushed(key, shown, place);
      }
    }

    /**
     * Posts a message until the hub takes it, or refuses it through every retry delay; fails only
     * when the push is stopped.
     */
    private void deliver(String identifier, byte[] body) throws InterruptedException {
      HttpRequest request =
          post(url, Cap.MEDIA_TYPE + "; charset=utf-8", CAP_EVENT, identifier, body).build();
      List<Duration> delays = settings.retryDelays();
      int refusals = 0;
      for (int n = 0; ; n++) {
        String problem = post(http, request);
        attempted(problem == null);
        if (problem == null) {
          failing = null;
          return;
        }
        failing =
            new Failing(
                failing == null
                    ? store.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    : failing.since(),
                problem);
        if (REFUSED.matcher(problem).matches() && ++refusals > delays.size()) {
          dropped();
          failing = null;
          LOG.error(
              "CAP message {} to {} passed over: refused {} times; the last answer: {}",
              identifier,
              shown,
              refusals,
              problem);
          return;
        }
        Duration wait = delays.get(Math.min(n, delays.size() - 1));
        LOG.warn(
            "CAP message {} to {} failed ({}); trying again in {}",
            identifier,
            shown,
            problem,
            wait);
        Thread.sleep(wait.toMillis());
      }
    }
  }

  /** How the store knows a hub: the SHA-256 of its URL, so that a key in the URL is not kept. */
  public static String key(URI url) {
    return Store.sha256(url.toString());
  }

  /** A hub's URL as operators may be shown it: without user, password or query. */
  public static String shown(URI url) {
    try {
      return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
  }

  /** The header of the messages, as of the assessment made at {@code made}. */
  private Cap.Header header(Instant made) {
    try {
      JsonNode report = json.readTree(store.assessmentText(Store.Text.REPORT_JSON).orElseThrow());
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
