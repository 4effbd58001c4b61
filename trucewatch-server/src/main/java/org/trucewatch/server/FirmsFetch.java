package org.trucewatch.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.store.Store;

/**
 * Takes in NASA FIRMS detections while serving ({@code serve --firms-source}): each period, asks
 * FIRMS's area API for each source's detections of the last days in the {@link
 * org.trucewatch.geo.AreaOfInterest} and ingests the answer as a file, as {@code POST
 * /api/v1/ingest} would; after a round that brought a new file, re-assesses once. An answer the
 * same as one ingested before changes nothing, and a detection that an earlier answer or file gave
 * is counted as a duplicate, so the days asked for may overlap. A request that fails, or an answer
 * that is not a FIRMS file (FIRMS answers {@code Invalid MAP_KEY.}, say), is logged, stores
 * nothing, and is tried again at the next period. The MAP_KEY is never logged or shown.
 */
public final class FirmsFetch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FirmsFetch.class);

  /** Where FIRMS serves its API unless told otherwise. */
  public static final URI NASA = URI.create("https://firms.modaps.eosdis.nasa.gov/");

  /**
   * The sources of FIRMS's area API over Ukraine: VIIRS on NOAA-20, NOAA-21 and Suomi NPP and MODIS
   * on Terra and Aqua, near real-time ({@code _NRT}) and standard ({@code _SP}). FIRMS's Landsat
   * detections cover only the United States and Canada.
   */
  public static final List<String> SOURCES =
      List.of(
          "VIIRS_NOAA20_NRT",
          "VIIRS_NOAA21_NRT",
          "VIIRS_SNPP_NRT",
          "MODIS_NRT",
          "VIIRS_NOAA20_SP",
          "VIIRS_SNPP_SP",
          "MODIS_SP");

  /** How many days back an answer reaches unless told otherwise: today's and yesterday's. */
  public static final int DAYS = 2;

  /** The most days FIRMS's area API gives in one answer. */
  public static final int MAX_DAYS = 5;

  /** The period of the requests unless told otherwise. */
  public static final Duration HOURLY = Duration.ofHours(1);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * What to ask for.
   *
   * @param api where FIRMS serves its API ({@link #NASA}), ending with {@code /}
   * @param mapKey the MAP_KEY that FIRMS gives for its API
   * @param sources the sources to ask for, each one of {@link #SOURCES}
   * @param days how many days back each answer reaches, 1 to {@link #MAX_DAYS}
   * @param every the period of the requests
   */
  public record Settings(URI api, String mapKey, List<String> sources, int days, Duration every) {
    public Settings {
      sources = List.copyOf(sources);
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("no FIRMS source to ask for");
      }
      for (String s : sources) {
        checkSource(s);
      }
      if (days < 1 || days > MAX_DAYS) {
        throw new IllegalArgumentException(
            "the days of a FIRMS answer must be 1 to " + MAX_DAYS + ", was " + days);
      }
      if (mapKey.isBlank() || !mapKey.matches("[A-Za-z0-9]+")) {
        throw new IllegalArgumentException(
            "a FIRMS MAP_KEY is letters and digits (FIRMS gives one at"
                + " https://firms.modaps.eosdis.nasa.gov/api/map_key/)");
      }
      if (every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("the period of the requests must be positive");
      }
    }
  }

  /** Refuses a source that FIRMS's area API does not give over Ukraine, naming those it does. */
  public static String checkSource(String source) {
    if (!SOURCES.contains(source)) {
      throw new IllegalArgumentException(
          "a FIRMS source must be one of " + String.join(", ", SOURCES) + "; was " + source);
    }
    return source;
  }

  /**
   * What the requests of one source have done since the server started, for {@code /health} and
   * {@code /metrics}.
   *
   * @param source the source
   * @param lastAttempt when it was last asked for, or null before the first
   * @param lastSuccess when an answer was last ingested (or found ingested before), or null
   * @param lastFile the name that answer is stored under (that of an earlier answer when it is the
   *     same)
   * @param lastStatus {@code ingested} or {@code already-ingested}
   * @param lastStored detections that answer stored
   * @param lastDuplicates detections of it that the store held already
   * @param lastFailure when a request last failed, or null if none has
   * @param lastError why it failed (without the MAP_KEY)
   * @param failures how many requests have failed
   * @param stored detections stored from its answers in all
   */
  public record Status(
      String source,
      Instant lastAttempt,
      Instant lastSuccess,
      String lastFile,
      String lastStatus,
      long lastStored,
      long lastDuplicates,
      Instant lastFailure,
      String lastError,
      long failures,
      long stored) {

    /** Whether the last request failed. */
    public boolean failing() {
      return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
    }

    /** Nothing done yet. */
    static Status none(String source) {
      return new Status(source, null, null, null, null, 0, 0, null, null, 0, 0);
    }

    /** This status, asked for again at {@code at}. */
    Status asked(Instant at) {
      return new Status(
          source,
          at,
          lastSuccess,
          lastFile,
          lastStatus,
          lastStored,
          lastDuplicates,
          lastFailure,
          lastError,
          failures,
          stored);
    }

    /** This status, with an answer taken in at {@code at}. */
    Status took(Instant at, String file, String status, long stored, long duplicates) {
      return new Status(
          source,
          lastAttempt,
          at,
          file,
          status,
          stored,
          duplicates,
          lastFailure,
          lastError,
          failures,
          this.stored + stored);
    }

    /** This status, with a request that failed at {@code at}. */
    Status failed(Instant at, String error) {
      return new Status(
          source,
          lastAttempt,
          lastSuccess,
          lastFile,
          lastStatus,
          lastStored,
          lastDuplicates,
          at,
          error,
          failures + 1,
          stored);
    }
  }

  private final Monitor monitor;
  private final Settings settings;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final Map<String, Status> status = new LinkedHashMap<>();
  private volatile boolean closed;
  private volatile CompletableFuture<HttpResponse<byte[]>> inFlight;

  FirmsFetch(Monitor monitor, Settings settings) {
    this.monitor = monitor;
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "trucewatch-firms");
              t.setDaemon(true);
              return t;
            });
    for (String s : settings.sources()) {
      status.put(s, Status.none(s));
    }
  }

  /**
   * Requests of FIRMS for the detections of {@code monitor}'s area, not yet started ({@link
   * #start}).
   */
  public static FirmsFetch of(Monitor monitor, Settings settings) {
    return new FirmsFetch(monitor, settings);
  }

  /** Starts asking: a first round now, then one each period. */
  public void start() {
    timer.scheduleWithFixedDelay(
        this::round, 0, settings.every().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** What is asked for. */
  public Settings settings() {
    return settings;
  }

  /** What the requests of each source have done so far, in the order of the settings. */
  public synchronized List<Status> status() {
    return List.copyOf(status.values());
  }

  /** What the requests of {@code source} have done so far. */
  public synchronized Status status(String source) {
    return status.get(source);
  }

  /**
   * The request for one source: the area as west, south, east, north, rounded outwards to a
   * hundredth of a degree.
   */
  URI request(String source) {
    Envelope box = monitor.area().box();
    String area =
        String.format(
            Locale.ROOT,
            "%.2f,%.2f,%.2f,%.2f",
            Math.floor(box.getMinX() * 100) / 100,
            Math.floor(box.getMinY() * 100) / 100,
            Math.ceil(box.getMaxX() * 100) / 100,
            Math.ceil(box.getMaxY() * 100) / 100);
    return settings
        .api()
        .resolve(
            "api/area/csv/"
                + settings.mapKey()
                + "/"
                + source
                + "/"
                + area
                + "/"
                + settings.days());
  }

  /**
   * What one request gave.
   *
   * @param source the source asked for
   * @param report the ingest report of its answer, or null when the request failed
   * @param error why it failed (without the MAP_KEY), or null
   */
  public record Answer(String source, ObjectNode report, String error) {}

  /**
   * Asks for each source once and ingests each answer; re-assesses once when any brought a new
   * file. Never throws: a request that fails is an answer with its error.
   */
  public List<Answer> round() {
    List<Answer> answers = new java.util.ArrayList<>();
    boolean newFile = false;
    for (String source : settings.sources()) {
      if (closed) {
        break;
      }
      ObjectNode report = null;
      try {
        report = fetch(source);
      } catch (RuntimeException e) {
        failed(
            source,
            monitor.store().clock().instant(),
            org.trucewatch.store.StoreException.refusedRow(e).orElse(e.toString()));
        LOG.error("FIRMS {}: the answer could not be ingested", source, e);
      }
      if (report != null) {
        newFile |= report.path("status").asText().equals("ingested");
        answers.add(new Answer(source, report, null));
      } else if (!closed) {
        answers.add(new Answer(source, null, status(source).lastError()));
      }
    }
    if (newFile) {
      try {
        monitor.refreshIfStale();
      } catch (RuntimeException e) {
        LOG.error("the assessment after FIRMS's answers failed", e);
      }
    }
    return answers;
  }

  /** Asks for one source and ingests the answer; its ingest report, or null when it failed. */
  private ObjectNode fetch(String source) {
    Instant now = monitor.store().clock().instant();
    synchronized (this) {
      status.compute(source, (k, x) -> x.asked(now));
    }
    HttpResponse<byte[]> answer;
    CompletableFuture<HttpResponse<byte[]>> asked =
        http.sendAsync(
            HttpRequest.newBuilder(request(source))
                .timeout(Duration.ofMinutes(2))
                .header("User-Agent", "TruceWatch (" + MethodVersion.CURRENT + ")")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    inFlight = asked;
    if (closed) {
      asked.cancel(true);
    }
    try {
      // waited for without an interrupt: one would close the file of an embedded store
      answer = asked.join();
    } catch (CancellationException e) {
      return null;
    } catch (CompletionException e) {
      return failed(source, now, "cannot reach " + settings.api().getHost() + ": " + e.getCause());
    } finally {
      inFlight = null;
    }
    if (closed) {
      return null;
    }
    if (answer.statusCode() != 200) {
      return failed(source, now, "HTTP " + answer.statusCode() + ": " + firstLine(answer.body()));
    }
    String name = "firms-api-" + source + "-" + STAMP.format(now) + ".csv";
    Monitor.IngestResult r =
        monitor.ingest(
            new ByteArrayInputStream(answer.body()),
            name,
            Store.BY_FIRMS_API,
            Store.IngestListener.NONE,
            false);
    ObjectNode rep = r.report();
    if (r.refused()) {
      return failed(source, now, "the answer is not a FIRMS file: " + firstLine(answer.body()));
    }
    String st = rep.path("status").asText();
    // an answer the same as one before is stored under that one's name
    String storedAs =
        st.equals("ingested")
            ? name
            : monitor
                .store()
                .ingest(rep.path("ingest_id").asLong())
                .map(i -> i.request().fileName())
                .orElse(name);
    long stored = rep.path("stored").asLong();
    long duplicates = rep.path("duplicates").asLong();
    synchronized (this) {
      status.compute(source, (k, x) -> x.took(now, storedAs, st, stored, duplicates));
    }
    LOG.info(
        "FIRMS {}: {} ({} rows, {} detections stored, {} held already, {} beyond the area)",
        source,
        st.equals("ingested") ? "ingested as " + name : "the same answer as before",
        rep.path("rows_read").asLong(),
        stored,
        duplicates,
        rep.path("outside_area").asLong());
    return rep;
  }

  /** Records a failed request; null (no report). */
  private ObjectNode failed(String source, Instant at, String why) {
    String error = hideKey(why);
    synchronized (this) {
      status.compute(source, (k, x) -> x.failed(at, error));
    }
    LOG.warn("FIRMS {}: {}", source, error);
    return null;
  }

  private String hideKey(String text) {
    return text.replace(settings.mapKey(), "MAP_KEY");
  }

  /** The first line of an answer, at most 200 characters, for a message. */
  private String firstLine(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 1000), StandardCharsets.UTF_8).strip();
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).strip();
    return line.isEmpty()
        ? "an empty answer"
        : hideKey(line.length() > 200 ? line.substring(0, 200) + "…" : line);
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdown();
    CompletableFuture<?> f = inFlight;
    if (f != null) {
      f.cancel(true);
    }
    try {
      if (!timer.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("a request to FIRMS still runs; it is left to finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
