package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.observation.Audience;
import org.trucewatch.reports.MethodHtml;
import org.trucewatch.reports.ReportHtml;
import org.trucewatch.store.Features;
import org.trucewatch.store.Layer;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * The HTTP server: the read and ingest API under {@code /api/v1}, OGC API - Features under {@code
 * /ogc}, the web map at {@code /}, the report at {@code /reports/}, {@code /health} and {@code
 * /metrics}. Errors are JSON with a stable code and a message; no stack trace reaches a client.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);
  static final String GEOJSON = "application/geo+json";
  private static final String START = "trucewatch.start";

  /** The request attribute holding the token that a private server admitted the request with. */
  private static final String HOLDER = "trucewatch.holder";

  /** What each list endpoint takes: its filters, paging and format. */
  private static final Map<Layer, List<String>> LIST_PARAMS = new java.util.EnumMap<>(Layer.class);

  static {
    for (Layer layer : Layer.values()) {
      List<String> p = new java.util.ArrayList<>(Params.takenBy(layer, Params.FILTERS));
      p.addAll(List.of("limit", "offset", "format"));
      LIST_PARAMS.put(layer, List.copyOf(p));
    }
  }

  /**
   * How to serve.
   *
   * @param host the address to listen on ({@code 127.0.0.1} by default)
   * @param port the port; 0 picks a free one
   * @param tileUrl a tile URL template for the map's base layer, or empty for none (offline)
   * @param tileAttribution the tiles' attribution
   * @param corsOrigins the origins (such as {@code https://dashboard.example.org}, or {@code *} for
   *     any) whose web pages may read the server's answers; none by default
   * @param privateReads whether every answer but {@code /health} needs a token (read or ingest)
   * @param capSigner signs each CAP message, or null to send them unsigned
   * @param backups the backups of the store that {@code /health} and {@code /metrics} report on, or
   *     null for none
   * @param firms the requests to FIRMS that {@code /health} and {@code /metrics} report on, or null
   *     for none
   * @param accessLog where a line is written for each request answered, or null for nowhere
   * @param trustedProxies the addresses (or blocks, {@code 10.0.0.0/8}) of the proxies whose
   *     forwarding headers say how the reader made a request ({@link TrustedProxies}); empty, or
   *     {@code none} alone, for none
   */
  public record Options(
      String host,
      int port,
      String tileUrl,
      String tileAttribution,
      List<String> corsOrigins,
      boolean privateReads,
      CapSigner capSigner,
      Backups backups,
      FirmsFetch firms,
      AccessLog accessLog,
      List<String> trustedProxies) {
    public Options {
      corsOrigins = List.copyOf(corsOrigins);
      trustedProxies = TrustedProxies.of(trustedProxies);
    }

    /**
     * Options without cross-origin reads, open to any reader, with unsigned CAP messages, trusting
     * the forwarding headers of a proxy on this machine only.
     */
    public Options(String host, int port, String tileUrl, String tileAttribution) {
      this(
          host,
          port,
          tileUrl,
          tileAttribution,
          List.of(),
          false,
          null,
          null,
          null,
          null,
          TrustedProxies.LOOPBACK);
    }

    /** These options, serving only to holders of a token when {@code on}. */
    public Options withPrivateReads(boolean on) {
      return with(on, capSigner, backups, firms, accessLog);
    }

    /** These options, signing each CAP message with {@code signer} (null: unsigned). */
    public Options withCapSigner(CapSigner signer) {
      return with(privateReads, signer, backups, firms, accessLog);
    }

    /** These options, reporting on {@code b} in {@code /health} and {@code /metrics}. */
    public Options withBackups(Backups b) {
      return with(privateReads, capSigner, b, firms, accessLog);
    }

    /** These options, reporting on {@code f} in {@code /health} and {@code /metrics}. */
    public Options withFirms(FirmsFetch f) {
      return with(privateReads, capSigner, backups, f, accessLog);
    }

    /** These options, writing a line for each request answered to {@code log} (null: nowhere). */
    public Options withAccessLog(AccessLog log) {
      return with(privateReads, capSigner, backups, firms, log);
    }

    /**
     * These options, taking the forwarding headers of a request only from {@code proxies} (the
     * addresses or blocks of the proxies in front of the server; {@code none} alone for none).
     */
    public Options withTrustedProxies(List<String> proxies) {
      return with(privateReads, capSigner, backups, firms, accessLog, proxies);
    }

    private Options with(boolean on, CapSigner signer, Backups b, FirmsFetch f, AccessLog log) {
      return with(on, signer, b, f, log, trustedProxies);
    }

    private Options with(
        boolean on, CapSigner signer, Backups b, FirmsFetch f, AccessLog log, List<String> p) {
      return new Options(
          host, port, tileUrl, tileAttribution, corsOrigins, on, signer, b, f, log, p);
    }
  }

  private final Monitor monitor;
  private final Options options;
  private final ObjectMapper json = new ObjectMapper();
  private final FeatureOutput out = new FeatureOutput(json);
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Map<String, Long>> counts = new AtomicReference<>(Map.of());
  private final Counter ingestedRows;
  private final MultiGauge newestDetections;
  private final Documents documents;
  private String oblasts;
  private final Ogc ogc;
  private final Javalin app;

  private Server(Monitor monitor, Options options) {
    this.monitor = monitor;
    this.options = options;
    this.ingestedRows =
        Counter.builder("trucewatch_ingested_observations")
            .description("observations newly stored by ingests since the server started")
            .register(metrics);
    Counter pdfRenders =
        Counter.builder("trucewatch_report_pdf_renders")
            .description("renders of report.pdf (one per assessment that a request asked for)")
            .register(metrics);
    // the PDFs carry the mission's signature when it signs its CAP messages
    this.documents =
        new Documents(
            monitor.store(),
            json,
            pdfRenders::increment,
            options.capSigner() == null ? pdf -> pdf : options.capSigner()::signPdf);
    this.ogc = new Ogc(monitor, documents, json, out);
    // the listeners that count what they do (alerts) show it in /metrics
    for (Monitor.Listener l : monitor.listeners()) {
      if (l instanceof MeterBinder b) {
        b.bindTo(metrics);
      }
    }
    for (String t :
        List.of(
            "observations",
            "surveillance_reports",
            "source_watches",
            "incidents",
            "findings",
            "alert_messages",
            "statements",
            "finding_reviews",
            "ingests")) {
      Gauge.builder("trucewatch_stored", counts, c -> c.get().getOrDefault(t, 0L))
          .tag("table", t)
          .description("rows in the store")
          .register(metrics);
    }
    if (options.capSigner() != null) {
      Gauge.builder(
              "trucewatch_cap_certificate_not_after_timestamp_seconds",
              options.capSigner(),
              c -> c.notAfter().getEpochSecond())
          .description("when the certificate that signs the CAP messages stops being valid")
          .register(metrics);
    }
    Backups backups = options.backups();
    if (backups != null) {
      Gauge.builder(
              "trucewatch_backup_last_success_timestamp_seconds",
              backups,
              b -> b.status().lastSuccess() == null ? 0 : b.status().lastSuccess().getEpochSecond())
          .description("when the last backup of the store was written (0: none yet)")
          .register(metrics);
      Gauge.builder("trucewatch_backup_failures", backups, b -> b.status().failures())
          .description("backups of the store that failed since the server started")
          .register(metrics);
    }
    AccessLog accessLog = options.accessLog();
    if (accessLog != null) {
      io.micrometer.core.instrument.FunctionCounter.builder(
              "trucewatch_access_log_failures", accessLog, a -> a.status().failures())
          .description("lines of the access log that could not be written since the server started")
          .register(metrics);
    }
    TimeStamps stamps = options.capSigner() == null ? null : options.capSigner().timeStamps();
    if (stamps != null) {
      String what =
          "PDF signatures since the server started that the time-stamp authority stamped"
              + " (stamped), or left without a stamp as it answered with none (failed)";
      io.micrometer.core.instrument.FunctionCounter.builder(
              "trucewatch_pdf_timestamps", stamps, TimeStamps::stamped)
          .description(what)
          .tag("outcome", "stamped")
          .register(metrics);
      io.micrometer.core.instrument.FunctionCounter.builder(
              "trucewatch_pdf_timestamps", stamps, TimeStamps::failed)
          .description(what)
          .tag("outcome", "failed")
          .register(metrics);
    }
    newestDetections =
        MultiGauge.builder("trucewatch_newest_detection_timestamp_seconds")
            .description("when the newest stored detection of each satellite source was acquired")
            .register(metrics);
    FirmsFetch firms = options.firms();
    if (firms != null) {
      for (String source : firms.settings().sources()) {
        Gauge.builder(
                "trucewatch_firms_last_success_timestamp_seconds",
                firms,
                f -> seconds(f.status(source).lastSuccess()))
            .tag("source", source)
            .description("when an answer of FIRMS's area API was last ingested (0: none yet)")
            .register(metrics);
        Gauge.builder("trucewatch_firms_failures", firms, f -> f.status(source).failures())
            .tag("source", source)
            .description("requests to FIRMS's area API that failed since the server started")
            .register(metrics);
        Gauge.builder("trucewatch_firms_stored", firms, f -> f.status(source).stored())
            .tag("source", source)
            .description("detections stored from FIRMS's answers since the server started")
            .register(metrics);
      }
    }
    this.app = Javalin.create(this::configure);
  }

  private static double seconds(Instant t) {
    return t == null ? 0 : t.getEpochSecond();
  }

  /** Starts serving; returns once the port is open. */
  public static Server start(Monitor monitor, Options options) {
    Server s = new Server(monitor, options);
    s.app.start(options.host(), options.port());
    LOG.info("serving on http://{}:{}/", options.host(), s.app.port());
    return s;
  }

  /** The port served on. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private void configure(io.javalin.config.JavalinConfig c) {
    c.http.maxRequestSize = 1L << 30;
    // behind a proxy that terminates TLS (docs/operations.md), the request as the reader made it:
    // its scheme from X-Forwarded-Proto, so that the links of the OGC API, the CAP messages and
    // the sign-in cookie name https; from a proxy trusted only
    TrustedProxies proxies = new TrustedProxies(options.trustedProxies());
    c.jetty.modifyHttpConfiguration(h -> h.addCustomizer(proxies));
    if (options.accessLog() != null) {
      c.jetty.modifyServer(s -> s.setRequestLog(options.accessLog().requestLog()));
    }
    // a request refused before it reaches the API is answered in JSON too
    c.jetty.modifyServer(s -> s.setErrorHandler(new JettyErrors()));
    c.jetty.multipartConfig.maxFileSize(1, SizeUnit.GB);
    c.jetty.multipartConfig.maxTotalRequestSize(1, SizeUnit.GB);
    c.staticFiles.enableWebjars();
    c.staticFiles.add(
        s -> {
          s.hostedPath = "/";
          s.directory = "/web";
          s.location = Location.CLASSPATH;
          // asked again each time (Javalin's default); a private server's, by its holder only
          s.headers =
              Map.of("Cache-Control", options.privateReads() ? "private, max-age=0" : "max-age=0");
        });
    var r = c.routes;
    r.before(ctx -> ctx.attribute(START, System.nanoTime()));
    String policy = contentSecurityPolicy(options.tileUrl());
    r.before(ctx -> securityHeaders(ctx, policy));
    if (options.privateReads()) {
      // every answer is for a holder of a token: a browser may keep it, no shared cache may
      r.before(ctx -> ctx.header("Cache-Control", "private"));
    }
    if (!options.corsOrigins().isEmpty()) {
      r.before(new CrossOrigin(options.corsOrigins())::before);
    }
    // before any token is looked up: a browser's cookie posts from this server's pages only
    r.before(Server::refuseOtherPagesPosts);
    if (options.privateReads()) {
      r.before(this::requireReader);
    }
    r.after(this::measure);
    if (options.accessLog() != null) {
      r.after(this::nameInAccessLog);
    }
    r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.code, e.getMessage()));
    r.exception(
        Exception.class,
        (e, ctx) -> {
          // a row the database refused: its reason, which a stack trace of PostgreSQL's driver
          // leaves out
          LOG.error(
              "request {} {} failed{}",
              ctx.method(),
              ctx.path(),
              org.trucewatch.store.StoreException.refusedRow(e).map(why -> ": " + why).orElse(""),
              e);
          error(ctx, 500, "internal_error", "the server failed to answer; see its log");
        });
    r.error(
        404,
        ctx -> {
          String type = ctx.res().getContentType();
          if (type == null || !type.startsWith("application/json")) {
            error(ctx, 404, "not_found", "no such resource: " + ctx.path());
          }
        });
    r.error(
        405, ctx -> error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed here"));

    getAndHead(r, "/favicon.ico", ctx -> ctx.redirect("/favicon.svg"));
    getAndHead(r, "/health", this::health);
    getAndHead(r, SIGN_IN, this::signInForm);
    r.post(SIGN_IN, this::signIn);
    getAndHead(r, "/signout", this::signOut);
    getAndHead(r, "/api/v1/reader", this::whoReads);
    getAndHead(r, "/metrics", this::metrics);
    getAndHead(r, "/api/v1", this::apiIndex);
    r.post("/api/v1/ingest", this::ingest);
    for (Layer layer : Layer.values()) {
      getAndHead(r, "/api/v1/" + layer.key(), ctx -> list(ctx, layer));
      getAndHead(r, "/api/v1/" + layer.key() + "/{id}", ctx -> one(ctx, layer));
    }
    r.post("/api/v1/findings/{id}/reviews", this::postReview);
    getAndHead(r, "/api/v1/findings/{id}/reviews", this::findingReviews);
    getAndHead(r, "/api/v1/reviews", this::reviewLog);
    getAndHead(r, "/api/v1/line-of-contact", ctx -> layerJson(ctx, "line_of_contact"));
    getAndHead(r, "/api/v1/zones", ctx -> layerJson(ctx, "zones"));
    getAndHead(r, "/api/v1/sectors", ctx -> layerJson(ctx, "sectors"));
    getAndHead(r, "/api/v1/background-areas", ctx -> layerJson(ctx, "background_areas"));
    getAndHead(
        r,
        "/api/v1/oblasts",
        ctx -> {
          Params.requireKnown(ctx, List.of());
          ctx.contentType(GEOJSON).result(oblasts());
        });
    getAndHead(r, "/api/v1/map", this::mapConfig);
    getAndHead(r, "/api/v1/sources", this::sources);
    getAndHead(r, "/api/v1/alert-messages", this::alertLog);
    getAndHead(r, "/api/v1/statements", this::statementLog);
    getAndHead(r, "/api/v1/reports", this::reports);
    getAndHead(
        r,
        "/api/v1/reports/latest",
        ctx -> {
          Params.requireKnown(ctx, List.of());
          sendJson(ctx, documents.get(Store.Text.REPORT_JSON));
        });
    getAndHead(r, "/api/v1/reports/{day}", this::reportDay);
    getAndHead(r, "/reports/report.html", this::reportHtml);
    getAndHead(r, "/reports/" + MethodHtml.FILE, this::methodPage);
    getAndHead(r, "/reports/days/{page}", this::dayPage);
    getAndHead(r, "/reports/report.pdf", this::reportPdf);
    getAndHead(
        r,
        ReportFeed.PATH,
        ctx -> {
          Params.requireKnown(ctx, List.of());
          ctx.contentType("application/atom+xml; charset=utf-8")
              .result(
                  ReportFeed.atom(
                      documents.get(Store.Text.REPORT_JSON),
                      monitor.store().assessment().orElseThrow(Documents::noAssessment).made()));
        });
    getAndHead(r, Cap.FEED_PATH, this::capFeed);
    getAndHead(r, Cap.MESSAGE_PATH + "{identifier}", this::capMessage);
    getAndHead(
        r,
        Cap.CERTIFICATE_PATH,
        ctx -> {
          Params.requireKnown(ctx, List.of());
          if (options.capSigner() == null) {
            throw ApiError.notFound(
                "this server does not sign its CAP messages (serve --cap-keystore FILE)");
          }
          ctx.contentType("application/x-pem-file").result(options.capSigner().certificatePem());
        });
    ogc.routes(r);
  }

  /** What the CAP messages of the current assessment share, for the reader of {@code ctx}. */
  private Cap.Header capHeader(Context ctx) {
    String host = ctx.header("Host");
    return Cap.header(
        documents.get(Store.Text.REPORT_JSON),
        monitor.store().assessment().orElseThrow(Documents::noAssessment).made(),
        options.privateReads(),
        host == null || host.isBlank() ? null : ctx.scheme() + "://" + host);
  }

  /**
   * {@link Cap#FEED_PATH}: the message of each finding of violation and probable violation of the
   * current assessment, as the reader is served the finding, and the recent Cancels.
   */
  private void capFeed(Context ctx) {
    Params.requireKnown(ctx, List.of("sector", "oblast"));
    Features.Filter where = Params.filter(ctx, documents::sectorIds);
    Cap.Header h = capHeader(ctx);
    Audience reader = reader(ctx, Layer.FINDINGS, monitor.store());
    Map<String, JsonNode> serious =
        Cap.alerting(monitor.store(), reader, out, where.oblast(), where.sector());
    List<Cap.Entry> entries = new ArrayList<>();
    for (Rows.AlertMessage m :
        monitor.store().alertMessages(h.made().minus(Cap.CANCELS_LISTED), Cap.MAX_ENTRIES)) {
      if (m.type().equals("Cancel")) {
        if (new AlertArea(where.sector(), where.oblast()).contains(m.sectorId(), m.oblastCode())) {
          entries.add(new Cap.Entry(m, null));
        }
      } else if (serious.containsKey(m.findingId())) {
        entries.add(new Cap.Entry(m, serious.get(m.findingId())));
      }
    }
    ctx.contentType("application/atom+xml; charset=utf-8")
        .result(Cap.feed(entries, h, where.sector(), where.oblast()));
  }

  /**
   * A CAP message as served: signed when the server signs; never unsigned by a server that signs,
   * nor signed with an expired certificate (503 naming its end).
   */
  private String signed(String xml) {
    if (options.capSigner() == null) {
      return xml;
    }
    try {
      return options.capSigner().sign(xml);
    } catch (CapSigner.Expired e) {
      throw ApiError.unavailable(e.getMessage());
    }
  }

  /**
   * {@link Cap#MESSAGE_PATH}{@code {identifier}}: a message of the log. The message that states a
   * finding now is written as the reader is served that finding; a Cancel as it was issued; a
   * message since replaced is gone (410), naming the messages that replaced it.
   */
  private void capMessage(Context ctx) {
    Params.requireKnown(ctx, List.of());
    String identifier = ctx.pathParam("identifier");
    Rows.AlertMessage m =
        monitor
            .store()
            .alertMessage(identifier)
            .orElseThrow(() -> ApiError.notFound("no CAP message with identifier " + identifier));
    Cap.Header h = capHeader(ctx);
    String xml;
    if (m.type().equals("Cancel")) {
      xml = Cap.cancel(m, h);
    } else {
      Optional<Rows.AlertMessage> now = monitor.store().alertMessageOf(m.findingId());
      if (now.isEmpty() || !now.get().identifier().equals(identifier)) {
        List<String> by = monitor.store().alertMessagesReferencing(identifier);
        ctx.status(410)
            .json(
                Map.of(
                    "code",
                    "gone",
                    "message",
                    "CAP message "
                        + identifier
                        + " has been replaced by "
                        + (by.isEmpty() ? "a later assessment" : String.join(", ", by)),
                    "replaced_by",
                    by.stream().map(i -> Cap.MESSAGE_PATH + i).toList()));
        return;
      }
      Features.Feature f =
          monitor
              .store()
              .feature(Layer.FINDINGS, m.findingId(), reader(ctx, Layer.FINDINGS, monitor.store()))
              .orElseThrow(() -> ApiError.notFound("no finding with id " + m.findingId()));
      xml = Cap.alert(out.properties(f), m, h);
    }
    ctx.contentType(Cap.MEDIA_TYPE + "; charset=utf-8").result(signed(xml));
  }

  /**
   * A GET route, and HEAD on the same path with the same handler, so that HEAD answers with GET's
   * status and headers (a probe of /health, the count of a list); Jetty sends no body. Without it
   * Javalin answers HEAD with 200 and nothing, even where GET would answer 400 or 503.
   */
  static void getAndHead(RoutesConfig r, String path, Handler handler) {
    r.get(path, handler);
    r.head(path, handler);
  }

  // ------------------------------------------------------------ health and metrics

  private void health(Context ctx) {
    ObjectNode n = json.createObjectNode();
    String database = monitor.store().database().dialect().name().toLowerCase(Locale.ROOT);
    Map<String, Long> c;
    try {
      c = refreshCounts();
    } catch (RuntimeException e) {
      // a monitor of the service (a load balancer, an orchestrator) needs 503, not a stack trace
      LOG.error("health: the store does not answer", e);
      n.put("status", "unavailable");
      n.put("database", database);
      n.put("message", "the store does not answer; see the server's log");
      ctx.status(503);
      sendJson(ctx, n);
      return;
    }
    n.put("status", "ok");
    n.put("database", database);
    if (options.privateReads() && holder(ctx, monitor.store(), presentedToken(ctx)).isEmpty()) {
      // a private server tells a service monitor that it is up, and nothing of what it holds
      sendJson(ctx, n);
      return;
    }
    ObjectNode cn = n.putObject("stored");
    c.forEach(cn::put);
    monitor
        .store()
        .assessment()
        .ifPresentOrElse(
            a -> {
              ObjectNode an = n.putObject("assessment");
              an.put("method_version", a.methodVersion());
              an.put("made", a.made().toString());
              an.put("last_ingest_id", a.lastIngestId());
            },
            () -> n.putNull("assessment"));
    if (options.capSigner() != null) {
      CapSigner signer = options.capSigner();
      ObjectNode sn = n.putObject("cap_signing");
      sn.put("subject", signer.certificate().getSubjectX500Principal().getName());
      sn.put("sha256", signer.fingerprint());
      sn.put("not_after", signer.notAfter().toString());
      signer.expiryWarning().ifPresent(w -> warning(n, w));
    }
    for (Monitor.Listener l : monitor.listeners()) {
      if (l instanceof Alerts<?> alerts) {
        ArrayNode an = n.has("alerts") ? (ArrayNode) n.get("alerts") : n.putArray("alerts");
        for (Alerts.Status a : alerts.status()) {
          ObjectNode x = an.addObject();
          x.put("channel", a.channel());
          x.put("receiver", a.receiver());
          x.put("following", a.following());
          x.put("place", a.place());
          x.put("behind", a.behind());
          x.put("failing_since", a.failingSince() == null ? null : a.failingSince().toString());
          x.put("problem", a.problem());
          if (a.failingSince() != null) {
            warning(
                n,
                switch (a.channel()) {
                      case "cap" -> "CAP messages";
                      case "email" -> "E-mail alerts";
                      default -> "Webhook alerts";
                    }
                    + " to "
                    + a.receiver()
                    + " failing since "
                    + a.failingSince()
                    + ": "
                    + a.problem());
          }
        }
      }
    }
    if (options.firms() != null) {
      FirmsFetch f = options.firms();
      ObjectNode fn = n.putObject("firms");
      fn.put("every", f.settings().every().toString());
      fn.put("days", f.settings().days());
      ArrayNode sn = fn.putArray("sources");
      for (FirmsFetch.Status s : f.status()) {
        ObjectNode x = sn.addObject();
        x.put("source", s.source());
        x.put("last_attempt", text(s.lastAttempt()));
        x.put("last_success", text(s.lastSuccess()));
        x.put("last_file", s.lastFile());
        x.put("last_status", s.lastStatus());
        x.put("last_stored", s.lastStored());
        x.put("last_duplicates", s.lastDuplicates());
        x.put("last_failure", text(s.lastFailure()));
        x.put("last_error", s.lastError());
        x.put("failures", s.failures());
        x.put("stored", s.stored());
        if (s.failing()) {
          warning(
              n,
              "FIRMS "
                  + s.source()
                  + " failed at "
                  + s.lastFailure()
                  + (s.lastSuccess() == null
                      ? ", none taken in yet"
                      : ", last taken in at " + s.lastSuccess())
                  + ": "
                  + s.lastError());
        }
      }
    }
    if (options.accessLog() != null) {
      AccessLog.Status a = options.accessLog().status();
      ObjectNode an = n.putObject("access_log");
      an.put("file", options.accessLog().current().toString());
      an.put("lines", a.lines());
      an.put("failures", a.failures());
      an.put("last_failure", text(a.lastFailure()));
      an.put("last_error", a.lastError());
      if (a.failing()) {
        warning(
            n,
            "The access log "
                + options.accessLog().current()
                + " could not be written at "
                + a.lastFailure()
                + " ("
                + a.failures()
                + " lines lost since the server started): "
                + a.lastError());
      }
    }
    if (options.backups() != null) {
      Backups.Status b = options.backups().status();
      ObjectNode bn = n.putObject("backups");
      bn.put("dir", options.backups().dir().toString());
      bn.put("last_success", b.lastSuccess() == null ? null : b.lastSuccess().toString());
      bn.put("last_file", b.lastFile() == null ? null : b.lastFile().getFileName().toString());
      bn.put("last_bytes", b.lastBytes());
      bn.put("last_failure", b.lastFailure() == null ? null : b.lastFailure().toString());
      bn.put("last_error", b.lastError());
      bn.put("failures", b.failures());
    }
    sendJson(ctx, n);
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  /** Adds {@code text} to the {@code warnings} of a {@code /health} answer. */
  private static void warning(ObjectNode health, String text) {
    (health.has("warnings") ? (ArrayNode) health.get("warnings") : health.putArray("warnings"))
        .add(text);
  }

  private Map<String, Long> refreshCounts() {
    Map<String, Long> c = monitor.store().counts();
    counts.set(c);
    return c;
  }

  private void metrics(Context ctx) {
    refreshCounts();
    // each satellite's newest detection in the assessment, so that an operator is told when a feed
    // stops: read from the map's document, kept once per assessment
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    if (monitor.store().assessment().isPresent()) {
      documents
          .get(Store.Text.MAP_LAYERS)
          .path("newest_detections")
          .forEach(
              d ->
                  rows.add(
                      MultiGauge.Row.of(
                          Tags.of("source", d.path("source").asText()),
                          Instant.parse(d.path("acquired").asText()).getEpochSecond())));
    }
    newestDetections.register(rows, true);
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /**
   * Names in the access log the holder of the token a request presented, also where its answer did
   * not look the token up: a layer that reads the same to every reader, a file of the map.
   */
  private void nameInAccessLog(Context ctx) {
    String token = presentedToken(ctx);
    if (!token.isEmpty()) {
      holder(ctx, monitor.store(), token);
    }
  }

  /**
   * The headers that keep the pages safe in a browser: the type as served ({@code nosniff}), only
   * this server's origin told to other sites, never a page's path ({@code Referrer-Policy}), and
   * {@code policy} for every answer but a PDF (whose viewer is the browser's own).
   */
  private static void securityHeaders(Context ctx, String policy) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
    if (!ctx.path().endsWith(".pdf")) {
      ctx.header("Content-Security-Policy", policy);
    }
  }

  /**
   * The Content Security Policy of the server's pages: scripts, styles, data and frames of this
   * server only (styles may be inline, as the reports' are), images of this server and of the map's
   * tiles ({@code tileUrl}, its {@code {s}} subdomains as {@code *}), no plugins, forms posted here
   * only, and no page of another site may frame them.
   */
  static String contentSecurityPolicy(String tileUrl) {
    String images = "'self' data:";
    if (!tileUrl.isEmpty()) {
      int start = tileUrl.indexOf("://") + 3;
      int end = tileUrl.indexOf('/', start);
      String host = tileUrl.substring(start, end < 0 ? tileUrl.length() : end);
      host = host.replaceFirst("^\\{[a-z]+\\}\\.", "*.");
      String scheme = tileUrl.substring(0, start - 3);
      // a host with a placeholder but in its first label cannot be named: the scheme then
      images += " " + (host.contains("{") ? scheme + ":" : scheme + "://" + host);
    }
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "
        + images
        + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
  }

  private void measure(Context ctx) {
    Long start = ctx.attribute(START);
    if (start == null) {
      return;
    }
    io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    // static files and unmatched paths share one label, so that scanners cannot grow the series
    String path = matched == null ? "other" : matched.path;
    Timer.builder("http_server_requests")
        .tag("method", ctx.method().name())
        .tag("path", path)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(metrics)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  // ------------------------------------------------------------ access

  /** The path of a browser's sign-in. */
  static final String SIGN_IN = "/signin";

  /** The cookie in which a browser signed in with a form keeps its token ({@link #signIn}). */
  static final String COOKIE = "trucewatch_token";

  /**
   * The token a request presents: {@code Authorization: Bearer TOKEN}, or {@code Basic} with the
   * token as the password (the user name is not read), or without either the cookie of a browser
   * signed in with the form, for a read ({@code GET}, {@code HEAD}) or an analyst's review posted
   * from this server's own map ({@link #fromOwnPage}); empty when none. Ingest is never admitted by
   * the cookie.
   */
  static String presentedToken(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth == null) {
      return admitsCookie(ctx) ? Optional.ofNullable(ctx.cookie(COOKIE)).orElse("") : "";
    }
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                java.util.Base64.getDecoder().decode(auth.substring(6).trim()),
                java.nio.charset.StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? "" : pair.substring(colon + 1);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return "";
  }

  /** The request attribute holding the token a request looked up last, and what it found. */
  private static final String LOOKED_UP = "trucewatch.looked-up";

  private record LookedUp(String token, Optional<Store.Token> holder) {}

  /**
   * The holder of {@code token}, when the store knows it (not revoked or expired), named as the
   * user of the request in the access log; else empty. Looked up once per request: the checks
   * before an answer, the answer and the access log ask for the same token.
   */
  static Optional<Store.Token> holder(Context ctx, Store store, String token) {
    LookedUp seen = ctx.attribute(LOOKED_UP);
    if (seen != null && seen.token().equals(token)) {
      return seen.holder();
    }
    Optional<Store.Token> t = store.token(token);
    t.ifPresent(x -> AccessLog.identify(ctx, x));
    ctx.attribute(LOOKED_UP, new LookedUp(token, t));
    return t;
  }

  /**
   * With {@code --private}: every request but a CORS preflight, {@code /health} and ingest (which
   * checks its own token) needs a token the store knows, of either scope.
   */
  private void requireReader(Context ctx) {
    if (ctx.method() == io.javalin.http.HandlerType.OPTIONS
        || ctx.path().equals("/health")
        || ctx.path().equals("/api/v1/ingest")
        || ctx.path().equals(SIGN_IN)
        || ctx.path().equals("/signout")) {
      return;
    }
    String token = presentedToken(ctx);
    Optional<Store.Token> holder = holder(ctx, monitor.store(), token);
    // the answer may depend on whose token it is: looked up once per request
    holder.ifPresent(t -> ctx.attribute(HOLDER, t));
    if (holder.isEmpty() && ctx.header("Authorization") == null) {
      forgetCookie(ctx); // revoked since the browser signed in, or never known
      if ("navigate".equals(ctx.header("Sec-Fetch-Mode"))) {
        // a browser opening a page is shown the sign-in form rather than its password prompt
        ctx.redirect(
            SIGN_IN + "?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8),
            io.javalin.http.HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
        return;
      }
    }
    if (holder.isEmpty()) {
      // a client that signs in with a user name and password takes the token as the password
      throw unauthorized(
          ctx,
          "Basic realm=\"Truce Watch\", charset=\"UTF-8\"",
          token,
          "this server answers holders of an API token only: Authorization: Bearer <token>, the"
              + " token as the password of Basic, or in a browser the sign-in page "
              + SIGN_IN
              + " (trucewatch token create NAME --scope read)");
    }
  }

  /**
   * Whether the request may present the sign-in cookie: a read, or a review posted from this
   * server's own page.
   */
  private static boolean admitsCookie(Context ctx) {
    return ctx.method() == io.javalin.http.HandlerType.GET
        || ctx.method() == io.javalin.http.HandlerType.HEAD
        || (reviewPost(ctx) && fromOwnPage(ctx));
  }

  /**
   * Refuses (403) a review posted with a browser's sign-in cookie from a page not of this server,
   * also on a private server, where it would otherwise be told that it presented no token (and its
   * cookie dropped).
   */
  private static void refuseOtherPagesPosts(Context ctx) {
    if (reviewPost(ctx)
        && ctx.header("Authorization") == null
        && ctx.cookie(COOKIE) != null
        && !fromOwnPage(ctx)) {
      throw new ApiError(
          403,
          "forbidden",
          "a browser signed in posts a review from this server's own map, not from "
              + Optional.ofNullable(ctx.header("Origin")).orElse("a page that does not say"));
    }
  }

  /** The path to which an analyst posts a review of a finding. */
  private static final java.util.regex.Pattern REVIEW_POST =
      java.util.regex.Pattern.compile("/api/v1/findings/[^/]+/reviews");

  /** Whether the request posts an analyst's review of a finding. */
  private static boolean reviewPost(Context ctx) {
    return ctx.method() == io.javalin.http.HandlerType.POST
        && REVIEW_POST.matcher(ctx.path()).matches();
  }

  /**
   * Whether a browser's post comes from a page of this server: its {@code Origin} is this server's
   * (as its reader addressed it, also behind a proxy) and, when the browser says, {@code
   * Sec-Fetch-Site} is {@code same-origin}. The cookie is {@code SameSite=Strict} already; this
   * keeps another site's page from posting with it in a browser that does not honour that.
   */
  static boolean fromOwnPage(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    return (site == null || site.equals("same-origin"))
        && (ctx.scheme() + "://" + ctx.host()).equals(ctx.header("Origin"));
  }

  /** Tells the browser to drop the sign-in cookie, when it sent one. */
  private static void forgetCookie(Context ctx) {
    if (ctx.cookie(COOKIE) != null) {
      dropCookie(ctx);
    }
  }

  /** Tells the browser to drop the sign-in cookie. */
  private static void dropCookie(Context ctx) {
    ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  }

  /**
   * The sign-in form of a browser (a member state's liaison on a shared workstation): a token typed
   * once, kept by the browser in a cookie until it signs out or closes; straight to the map when
   * the browser is signed in already.
   */
  private void signInForm(Context ctx) {
    Params.requireKnown(ctx, List.of("signed-out", "next"));
    String next = next(ctx.queryParam("next"));
    if (holder(ctx, monitor.store(), presentedToken(ctx)).isPresent()) {
      ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    String note = ctx.queryParam("signed-out") != null ? "Signed out." : "";
    ctx.contentType("text/html; charset=utf-8")
        .result(SignIn.page(options.privateReads(), note, next));
  }

  /**
   * A browser's sign-in with the form: a token the store knows is kept in a cookie that only this
   * server's own pages send (HttpOnly, SameSite=Strict; Secure behind HTTPS) and only with reads,
   * for as long as the browser is open; then to the map. An unknown or revoked token is 401 with
   * the form again; a form posted from another site's page (its browser says so in {@code
   * Sec-Fetch-Site}) is 403.
   */
  private void signIn(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      // another site's page may not sign a browser in with a token of its own choosing
      throw new ApiError(
          403, "forbidden", "sign in on this server's own page " + SIGN_IN + ", was " + site);
    }
    String token = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
    String next = next(ctx.formParam("next"));
    if (token.isEmpty() || holder(ctx, monitor.store(), token).isEmpty()) {
      ctx.status(401)
          .contentType("text/html; charset=utf-8")
          .result(
              SignIn.page(
                  options.privateReads(),
                  token.isEmpty()
                      ? "Type the API token the mission gave you."
                      : "That token is not known, or was revoked.",
                  next));
      return;
    }
    boolean https = ctx.scheme().equals("https"); // also behind a proxy that says so
    ctx.res()
        .addHeader(
            "Set-Cookie",
            COOKIE
                + "="
                + token
                + "; Path=/; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : ""));
    ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Where to go after signing in: {@code asked} when it is a path on this server, else the map. */
  static String next(String asked) {
    return asked != null
            && asked.startsWith("/")
            && !asked.startsWith("//")
            && asked.chars().noneMatch(c -> c == '\\' || c < 0x21)
        ? asked
        : "/";
  }

  /**
   * Signs a browser out: drops the sign-in cookie and shows the sign-in form, saying so. (A browser
   * that signed in at its own password prompt keeps what it typed until it closes.)
   */
  private void signOut(Context ctx) {
    Params.requireKnown(ctx, List.of());
    dropCookie(ctx);
    ctx.redirect(SIGN_IN + "?signed-out", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /**
   * {@code /api/v1/reader}: who the request reads as, for the map's header: {@code signed_in}, and
   * when signed in the token's {@code name}, {@code member} (null: the mission), {@code may_review}
   * (an analyst's token, with which the map offers to review findings) and {@code expires} (null:
   * when revoked).
   */
  private void whoReads(Context ctx) {
    Params.requireKnown(ctx, List.of());
    ctx.res().addHeader("Vary", "Authorization, Cookie");
    ObjectNode n = json.createObjectNode();
    Optional<Store.Token> t = holder(ctx, monitor.store(), presentedToken(ctx));
    n.put("signed_in", t.isPresent());
    t.ifPresent(
        x ->
            n.put("name", x.name())
                .put("member", x.member())
                .put("may_review", x.scope() == TokenScope.REVIEW)
                .put("expires", x.expires() == null ? null : x.expires().toString()));
    ctx.header("Cache-Control", "no-store");
    sendJson(ctx, n);
  }

  /**
   * Who reads a layer: the {@link #audience} of the request for surveillance reports and findings
   * (whose evidence rows of reports follow the access rules); for the other layers, whose answer is
   * the same to every reader, the mission's (no token is looked up).
   */
  static Audience reader(Context ctx, Layer layer, Store store) {
    return layer.readerDependent() ? audience(ctx, store) : Audience.MISSION;
  }

  /**
   * Who reads, for an answer that depends on it: the member state of the token the request
   * presents, the mission's staff for a token without one, or the public for a request without a
   * token. A token the store does not know or has revoked is refused with 401, also on an open
   * server, rather than answered as the public: its holder learns that the token no longer works.
   * The answer varies with the token, and caches are told so.
   */
  static Audience audience(Context ctx, Store store) {
    ctx.res().addHeader("Vary", "Authorization");
    Store.Token admitted = ctx.attribute(HOLDER);
    if (admitted != null) {
      return admitted.audience();
    }
    Audience a = presentedAudience(ctx, store);
    if (a != Audience.PUBLIC) {
      // what a token's holder may see: no shared cache may keep it for the next reader
      ctx.header("Cache-Control", "private");
    }
    return a;
  }

  private static Audience presentedAudience(Context ctx, Store store) {
    ctx.res().addHeader("Vary", "Cookie");
    String token = presentedToken(ctx);
    if (token.isEmpty()) {
      return Audience.PUBLIC;
    }
    if (ctx.header("Authorization") == null) {
      // a browser signed in with the form: a token revoked since reads as the public
      Optional<Store.Token> signedIn = holder(ctx, store, token);
      if (signedIn.isEmpty()) {
        forgetCookie(ctx);
      }
      return signedIn.map(Store.Token::audience).orElse(Audience.PUBLIC);
    }
    return holder(ctx, store, token)
        .map(Store.Token::audience)
        .orElseThrow(
            () -> unauthorized(ctx, "Bearer realm=\"Truce Watch\"", token, "no token presented"));
  }

  /**
   * 401 with the challenge {@code challenge}: {@code noToken} when the request presents none, else
   * that the token is not known.
   */
  private static ApiError unauthorized(
      Context ctx, String challenge, String token, String noToken) {
    ctx.header("WWW-Authenticate", challenge);
    return new ApiError(
        401,
        "unauthorized",
        token.isEmpty() ? noToken : "the API token is not known, has been revoked or has expired");
  }

  // ------------------------------------------------------------ ingest

  private void ingest(Context ctx) throws IOException {
    Params.requireKnown(ctx, List.of("name"));
    String token = presentedToken(ctx);
    Optional<Store.Token> holder = holder(ctx, monitor.store(), token);
    if (holder.isEmpty() || holder.get().scope() != TokenScope.INGEST) {
      // read (and drop) the upload, so that the client sees the answer rather than a reset
      try (InputStream in = ctx.bodyInputStream()) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      if (holder.isPresent()) {
        throw new ApiError(
            403,
            "forbidden",
            "the API token of "
                + holder.get().name()
                + " may read, not ingest (trucewatch token create NAME makes an ingest token)");
      }
      throw unauthorized(
          ctx,
          "Bearer",
          token,
          "ingest needs an API token: Authorization: Bearer <token> (trucewatch token create)");
    }
    Path dir = Files.createTempDirectory("trucewatch-ingest-");
    try {
      String name;
      Path file;
      String type = ctx.contentType();
      if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
        List<UploadedFile> files = ctx.uploadedFiles();
        if (files.size() != 1) {
          throw ApiError.badRequest(
              "invalid_body", "send exactly one file in the multipart body, was " + files.size());
        }
        UploadedFile f = files.get(0);
        name = safeName(f.filename());
        file = dir.resolve(name);
        try (InputStream in = f.content()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        String given = ctx.queryParam("name");
        name =
            safeName(
                given != null
                    ? given
                    : "upload-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
                            .withZone(java.time.ZoneOffset.UTC)
                            .format(monitor.store().clock().instant())
                        + ".csv");
        file = dir.resolve(name);
        try (InputStream in = ctx.bodyInputStream()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Monitor.IngestResult result =
          monitor.ingest(file, name, holder.get(), Store.IngestListener.NONE);
      ingestedRows.increment(result.report().path("stored").asLong());
      ctx.status(result.refused() ? 400 : 200);
      if (result.refused()) {
        result.report().put("code", "invalid_file");
        result
            .report()
            .put("message", name + ": no row could be read; nothing was stored (see rejections)");
      }
      sendJson(ctx, result.report());
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  // ------------------------------------------------------------ reviews

  /**
   * {@code POST /api/v1/findings/{id}/reviews}: an analyst's review of a finding of the current
   * assessment, {@code {"status": "upheld", "note": "…"}}, with a review token (201 and the review
   * kept). It changes no finding or figure.
   */
  private void postReview(Context ctx) {
    Params.requireKnown(ctx, List.of());
    String token = presentedToken(ctx);
    Store.Token holder =
        holder(ctx, monitor.store(), token)
            .orElseThrow(
                () ->
                    unauthorized(
                        ctx,
                        "Bearer",
                        token,
                        "a review needs an analyst's API token: Authorization: Bearer <token>"
                            + " (trucewatch token create NAME --scope review)"));
    if (holder.scope() != TokenScope.REVIEW) {
      throw new ApiError(
          403,
          "forbidden",
          "the API token of "
              + holder.name()
              + " may not review findings (trucewatch token create NAME --scope review makes an"
              + " analyst's token)");
    }
    JsonNode body;
    try {
      body = json.readTree(ctx.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiError.badRequest("invalid_body", "the body must be JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw ApiError.badRequest(
          "invalid_body", "the body must be a JSON object {\"status\": …, \"note\": …}");
    }
    for (String field : (Iterable<String>) body::fieldNames) {
      if (!field.equals("status") && !field.equals("note")) {
        throw ApiError.badRequest(
            "invalid_body", "unknown field " + field + " (a review has status and note)");
      }
    }
    for (String field : List.of("status", "note")) {
      if (!body.path(field).isTextual()) {
        throw ApiError.badRequest(
            "invalid_body", field + " must be a string, was " + body.path(field).toString());
      }
    }
    String id = ctx.pathParam("id");
    Rows.ReviewKept kept;
    try {
      kept =
          monitor
              .review(
                  Ogc.storeId(id),
                  body.get("status").asText(),
                  body.get("note").asText(),
                  holder.name())
              .orElseThrow(() -> ApiError.notFound("no findings with id " + id));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_body", e.getMessage());
    } catch (Store.SupersededFinding e) {
      throw new ApiError(
          409, "superseded", e.getMessage() + "; review the findings that stand now");
    }
    Rows.Review review = kept.review();
    LOG.info(
        "review {} of finding {} by {}: {}",
        review.id(),
        review.findingId(),
        review.reviewer(),
        review.status());
    String now = Ogc.fid(kept.findingId());
    ctx.status(201).header("Location", "/api/v1/findings/" + now + "/reviews");
    ObjectNode n = Store.reviewJson(review);
    n.put("current_finding_id", kept.findingId());
    sendJson(ctx, n);
  }

  /**
   * 404 for finding {@code id} (as the path names it) of no current finding, saying, of one that a
   * re-assessment superseded (a detection or report joined or left its incident, which renamed it),
   * when, and which finding rests on all its evidence rows now: in the message, and as the {@code
   * successor-version} link (RFC 5829) to {@code href} of that finding's id in a path.
   */
  static ApiError noFinding(
      Context ctx, Store store, String id, String message, UnaryOperator<String> href) {
    Optional<Rows.Superseded> old = store.superseded(Ogc.storeId(id));
    if (old.isEmpty()) {
      return ApiError.notFound(message);
    }
    String successor = old.get().successor();
    if (successor != null) {
      ctx.header("Link", "<" + href.apply(Ogc.fid(successor)) + ">; rel=\"successor-version\"");
    }
    return ApiError.notFound(
        message
            + ": the re-assessment of "
            + old.get().when()
            + " superseded it, as a detection or report joined or left its incident; "
            + (successor == null
                ? "no finding rests on all its evidence rows now"
                : "finding " + successor + " rests on all its evidence rows now"));
  }

  /**
   * {@code /api/v1/findings/{id}/reviews}: the reviews that concern a finding of the current
   * assessment, newest first.
   */
  private void findingReviews(Context ctx) {
    Params.requireKnown(ctx, List.of());
    String id = ctx.pathParam("id");
    ArrayNode reviews =
        monitor
            .store()
            .reviewsOf(Ogc.storeId(id))
            .orElseThrow(
                () ->
                    noFinding(
                        ctx,
                        monitor.store(),
                        id,
                        "no findings with id " + id,
                        f -> "/api/v1/findings/" + f + "/reviews"));
    ObjectNode n = json.createObjectNode();
    n.put("finding_id", Ogc.storeId(id));
    n.set("reviews", reviews);
    sendJson(ctx, n);
  }

  /** {@code /api/v1/reviews}: every review kept, under any terms, newest first, in pages. */
  private void reviewLog(Context ctx) {
    Params.requireKnown(ctx, List.of("limit", "offset", "format"));
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT);
    long offset = Params.offset(ctx);
    String format = Params.format(ctx, "json", "csv");
    Rows.ReviewLog log = monitor.store().reviews(limit, offset);
    ObjectNode n = page(ctx, log.matched(), log.reviews().size(), offset, limit);
    if (format.equals("csv")) {
      // the page's headers say what the JSON's fields would: how many in all, and the next page
      ctx.header("X-Total-Count", Long.toString(log.matched()));
      List<String> header =
          List.of(
              "id",
              "made",
              "by",
              "status",
              "note",
              "finding_id",
              "clause_id",
              "verdict",
              "method_version",
              "evidence_rows");
      List<List<String>> rows = new ArrayList<>();
      for (Rows.Review r : log.reviews()) {
        JsonNode j = Store.reviewJson(r);
        rows.add(header.stream().map(c -> j.path(c).asText()).toList());
      }
      ctx.contentType("text/csv; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"reviews.csv\"")
          .result(FeatureOutput.table(header, rows));
      return;
    }
    ArrayNode items = n.putArray("items");
    log.reviews().forEach(r -> items.add(Store.reviewJson(r)));
    sendJson(ctx, n);
  }

  /** A file name safe to use on disk and in provenance: letters, digits, dot, dash, underscore. */
  static String safeName(String given) {
    String base = given == null ? "" : given.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    if (base.isEmpty() || base.startsWith(".")) {
      base = "upload" + base;
    }
    return base.length() > 200 ? base.substring(base.length() - 200) : base;
  }

  // ------------------------------------------------------------ reads

  private void apiIndex(Context ctx) {
    Params.requireKnown(ctx, List.of());
    ObjectNode n = json.createObjectNode();
    n.put("title", "Truce Watch API v1");
    ArrayNode links = n.putArray("links");
    for (String p :
        List.of(
            "observations",
            "incidents",
            "findings",
            "surveillance-reports",
            "sources",
            "reports",
            "alert-messages",
            "statements",
            "reviews",
            "line-of-contact",
            "zones",
            "sectors",
            "background-areas",
            "oblasts",
            "reader",
            "ingest")) {
      links.addObject().put("rel", p).put("href", "/api/v1/" + p);
    }
    links.addObject().put("rel", "ogc-api-features").put("href", "/ogc");
    links.addObject().put("rel", "report-feed").put("href", ReportFeed.PATH);
    links.addObject().put("rel", "cap-alert-feed").put("href", Cap.FEED_PATH);
    // the terms and the method that the findings and figures rest on
    links.addObject().put("rel", "describedby").put("href", "/reports/" + MethodHtml.FILE);
    sendJson(ctx, n);
  }

  private void list(Context ctx, Layer layer) {
    Params.requireKnown(ctx, LIST_PARAMS.get(layer));
    Features.Filter f = Params.filter(ctx, documents::sectorIds);
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT);
    long offset = Params.offset(ctx);
    String format = Params.format(ctx, "json", "geojson", "csv");
    Features.Page page;
    try {
      page = monitor.store().query(layer, f, reader(ctx, layer, monitor.store()), limit, offset);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_parameter", e.getMessage());
    }
    String next =
        offset + page.features().size() < page.matched()
            ? withParam(ctx, "offset", Long.toString(offset + page.features().size()))
            : null;
    if (next != null) {
      ctx.header("Link", "<" + next + ">; rel=\"next\"");
    }
    ctx.header("X-Total-Count", Long.toString(page.matched()));
    switch (format) {
      case "json" -> {
        ObjectNode n = json.createObjectNode();
        n.put("matched", page.matched());
        n.put("returned", page.features().size());
        n.put("offset", offset);
        n.put("limit", limit);
        if (next == null) {
          n.putNull("next");
        } else {
          n.put("next", next);
        }
        ArrayNode items = n.putArray("items");
        page.features().forEach(x -> items.add(out.properties(x)));
        sendJson(ctx, n);
      }
      case "geojson" -> {
        ObjectNode n = json.createObjectNode();
        n.put("type", "FeatureCollection");
        n.put("numberMatched", page.matched());
        n.put("numberReturned", page.features().size());
        ArrayNode fs = n.putArray("features");
        page.features().forEach(x -> fs.add(out.geoJson(x)));
        if (next != null) {
          n.putArray("links").addObject().put("rel", "next").put("href", next);
        }
        ctx.contentType(GEOJSON).result(n.toString());
      }
      case "csv" ->
          ctx.contentType("text/csv; charset=utf-8")
              .header("Content-Disposition", "attachment; filename=\"" + layer.key() + ".csv\"")
              .result(FeatureOutput.csv(monitor.store().columns(layer), page.features()));
      default -> throw new IllegalStateException(format);
    }
  }

  private void one(Context ctx, Layer layer) {
    Params.requireKnown(ctx, List.of("format"));
    String id = ctx.pathParam("id");
    String format =
        layer == Layer.FINDINGS
            ? Params.format(ctx, "json", "geojson", "cap")
            : Params.format(ctx, "json", "geojson");
    Features.Feature f =
        monitor
            .store()
            .feature(layer, Ogc.storeId(id), reader(ctx, layer, monitor.store()))
            .orElseThrow(
                () -> {
                  String message = "no " + layer.key() + " with id " + id;
                  return layer == Layer.FINDINGS
                      ? noFinding(ctx, monitor.store(), id, message, x -> "/api/v1/findings/" + x)
                      : ApiError.notFound(message);
                });
    if (format.equals("geojson")) {
      ctx.contentType(GEOJSON).result(out.geoJson(f).toString());
    } else if (format.equals("cap")) {
      ObjectNode n = out.properties(f);
      if (!Cap.isAlert(n.path("verdict").asText())) {
        throw ApiError.badRequest(
            "invalid_parameter",
            "CAP is served for findings of violation and probable violation; "
                + n.path("id").asText()
                + " is "
                + n.path("verdict").asText());
      }
      Rows.AlertMessage m =
          monitor
              .store()
              .alertMessageOf(f.id())
              .orElseThrow(
                  () -> new IllegalStateException("finding " + id + " has no alert message yet"));
      String alert = Cap.alert(n, m, capHeader(ctx));
      ctx.contentType(Cap.MEDIA_TYPE + "; charset=utf-8").result(signed(alert));
    } else {
      ObjectNode n = out.properties(f);
      if (layer == Layer.SURVEILLANCE_REPORTS) {
        // to a reader who may see the report, each change of who may see it
        ArrayNode releases = n.putArray("releases");
        for (Store.Release r :
            monitor
                .store()
                .releases(
                    String.valueOf(f.properties().get("source_id")),
                    String.valueOf(f.properties().get("report_id")))) {
          ObjectNode x = releases.addObject();
          x.put("before", r.before().text());
          x.put("after", r.after().text());
          x.put("changed", r.received().toString());
          x.put("token", r.tokenName());
          x.put("ingest_id", r.ingestId());
          x.put("file", r.file());
          x.put("line", r.line());
        }
      }
      sendJson(ctx, n);
    }
  }

  private void layerJson(Context ctx, String key) {
    Params.requireKnown(ctx, List.of());
    JsonNode layer = documents.get(Store.Text.MAP_LAYERS).get(key);
    // an assessment made before a layer was drawn holds none of it
    ctx.contentType(GEOJSON)
        .result(
            layer == null ? "{\"type\":\"FeatureCollection\",\"features\":[]}" : layer.toString());
  }

  /**
   * The oblasts as GeoJSON, built when first asked for: they do not wait for an assessment (the map
   * of an empty store still shows the country) and do not change with one.
   */
  private synchronized String oblasts() {
    if (oblasts == null) {
      oblasts = MapLayers.oblasts(monitor.regions());
    }
    return oblasts;
  }

  private void mapConfig(Context ctx) {
    Params.requireKnown(ctx, List.of());
    ObjectNode n = ((ObjectNode) documents.get(Store.Text.MAP_LAYERS)).deepCopy();
    // an assessment made before the oblasts were served on their own still holds them
    n.remove(List.of("oblasts", "line_of_contact", "zones", "sectors", "background_areas"));
    JsonNode newest = n.remove("newest_detections");
    ObjectNode tiles = n.putObject("tiles");
    tiles.put("url", options.tileUrl());
    tiles.put("attribution", options.tileAttribution());
    // how current the map is: the newest detection of each satellite that the assessment includes
    // (null for an assessment made before the map's document kept them)
    Store store = monitor.store();
    store
        .assessment()
        .ifPresent(
            a -> {
              ObjectNode asOf = n.putObject("as_of");
              asOf.put("assessed", a.made().toString());
              // the stored terms' number: other terms draw other zones, sectors and line
              asOf.put("terms_id", a.termsId());
              asOf.put(
                  "last_ingest_received",
                  store.ingest(a.lastIngestId()).map(i -> i.received().toString()).orElse(null));
              asOf.set("newest_detections", newest);
            });
    // who signs the reports' PDFs and the CAP messages, so that a reader can check one passed on
    if (options.capSigner() == null) {
      n.putNull("signing");
    } else {
      ObjectNode signing = n.putObject("signing");
      signing.put("signer", PdfSignature.commonName(options.capSigner().certificate()));
      signing.put("sha256", options.capSigner().fingerprint());
      signing.put("certificate", Cap.CERTIFICATE_PATH);
    }
    // a map left open asks again each minute: the same answer is 304 without a body (Javalin
    // compares the ETag with If-None-Match)
    String body = n.toString();
    ctx.header("ETag", etag(body));
    ctx.contentType("application/json").result(body);
  }

  /** A strong entity tag of {@code body}: its SHA-256, quoted. */
  static String etag(String body) {
    return '"' + Store.sha256(body) + '"';
  }

  /**
   * {@code /api/v1/alert-messages}: the whole log of CAP messages in the order issued, paged, of
   * those sent since {@code since} and numbered after {@code after}: each message's number, type,
   * time, finding, what it stated and the messages it references, and how many evidence rows it
   * rested on (not their hashes, which the evidence of a finding gives only to the readers its
   * reports are released to).
   */
  private void alertLog(Context ctx) {
    LogQuery q = LogQuery.of(ctx);
    Rows.AlertLog log = monitor.store().alertLog(q.since(), q.after(), q.limit(), q.offset());
    ObjectNode n = page(ctx, log.matched(), log.entries().size(), q.offset(), q.limit());
    ArrayNode items = n.putArray("items");
    for (Rows.Logged l : log.entries()) {
      Rows.AlertMessage m = l.message();
      ObjectNode x = items.addObject();
      x.put("seq", l.seq());
      x.put("identifier", m.identifier());
      x.put("sent", m.sent().toString());
      x.put("type", m.type());
      x.put("finding_id", m.findingId());
      x.put("method_version", m.methodVersion());
      x.put("verdict", m.verdict());
      x.put("clause_id", m.clauseId());
      x.put("report_day", m.reportDay().toString());
      x.put("first_time", m.first().toString());
      x.put("latitude", m.latitude());
      x.put("longitude", m.longitude());
      x.put("side", m.side());
      x.put("oblast_code", m.oblastCode());
      x.put("oblast", m.oblast());
      x.put("sector_id", m.sectorId());
      x.put("sector", m.sector());
      x.put("evidence_rows", m.evidence().size());
      ArrayNode refs = x.putArray("references");
      m.references()
          .forEach(
              r ->
                  refs.addObject()
                      .put("identifier", r.identifier())
                      .put("sent", r.sent().toString()));
      x.put("href", Cap.MESSAGE_PATH + m.identifier());
    }
    sendJson(ctx, n);
  }

  /**
   * {@code /api/v1/statements}: the log of statements of the report days' figures, each as the
   * webhooks posted it and the e-mail was written from, in the order made, paged, made from a time
   * on ({@code since}) or after a number ({@code after}), so that whoever did not take the alerts
   * can follow the log, and the mission can show what it told and when. With {@code sector} or
   * {@code oblast}, each statement as a receiver of that area is given it, or null when it says
   * nothing of the area: every entry stays, so that the numbers and pages are those of the log.
   */
  private void statementLog(Context ctx) {
    LogQuery q = LogQuery.of(ctx, "sector", "oblast");
    Features.Filter where = Params.filter(ctx, documents::sectorIds);
    AlertArea area = new AlertArea(where.sector(), where.oblast());
    Rows.StatementLog log =
        monitor.store().statementLog(q.since(), q.after(), q.limit(), q.offset());
    ObjectNode n = page(ctx, log.matched(), log.entries().size(), q.offset(), q.limit());
    ArrayNode items = n.putArray("items");
    for (Rows.Statement st : log.entries()) {
      ObjectNode x = items.addObject();
      x.put("seq", st.seq());
      x.put("stated", st.stated().toString());
      Optional<String> given = Statement.in(area, st.body());
      x.put("delivery", given.map(Alerts::alertId).orElse(null));
      try {
        x.set("statement", given.isEmpty() ? null : json.readTree(given.get()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("statement " + st.seq() + " of the log is not JSON", e);
      }
    }
    sendJson(ctx, n);
  }

  /**
   * What a page of a log asks for: entries from a time on ({@code since}), after a number ({@code
   * after}), at most {@code limit}, from {@code offset}; any other parameter is refused.
   */
  private record LogQuery(java.time.Instant since, long after, int limit, long offset) {
    /** The page asked for; {@code more} names the parameters the log takes besides. */
    static LogQuery of(Context ctx, String... more) {
      List<String> known = new ArrayList<>(List.of("since", "after", "limit", "offset"));
      known.addAll(List.of(more));
      Params.requireKnown(ctx, known);
      return new LogQuery(
          Params.instant(ctx, "since"),
          Params.nonNegative(ctx, "after"),
          Params.limit(ctx, Params.DEFAULT_LIMIT),
          Params.offset(ctx));
    }
  }

  /**
   * The head of a page of a list: how many match, how many it gives, from where, at most how many,
   * and the link to the next page (also as a {@code Link} header), null on the last.
   */
  private static ObjectNode page(Context ctx, long matched, int returned, long offset, int limit) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("matched", matched);
    n.put("returned", returned);
    n.put("offset", offset);
    n.put("limit", limit);
    if (offset + returned < matched) {
      String next = withParam(ctx, "offset", Long.toString(offset + returned));
      ctx.header("Link", "<" + next + ">; rel=\"next\"");
      n.put("next", next);
    } else {
      n.putNull("next");
    }
    return n;
  }

  private void sources(Context ctx) {
    Params.requireKnown(ctx, List.of());
    // each surveillance source's watch over the truce, from its watch logs (report.json)
    Map<String, JsonNode> watch = new java.util.HashMap<>();
    if (monitor.store().assessment().isPresent()) {
      for (JsonNode w : documents.get(Store.Text.REPORT_JSON).at("/summary/truce_watch")) {
        watch.put(w.path("source").asText(), w);
      }
    }
    ArrayNode items = json.createArrayNode();
    for (Store.Source s : monitor.store().sources(audience(ctx, monitor.store()))) {
      ObjectNode x = items.addObject();
      x.put("key", s.key());
      x.put("kind", s.kind());
      x.put("instrument", s.instrument());
      x.put("satellite", s.satellite());
      x.put("provider", s.provider());
      x.put("first_ingest_id", s.firstIngestId());
      // its record in the current assessment's incidents (docs/report-format.md, sources.csv)
      if (s.record() == null) {
        x.putNull("record");
      } else {
        x.putObject("record")
            .put("observations", s.record().observations())
            .put("corroborated", s.record().corroborated())
            .put("first", s.record().first().toString())
            .put("last", s.record().last().toString());
      }
      JsonNode w = watch.get(s.key());
      if (w == null) {
        x.putNull("truce_watch");
      } else {
        ObjectNode tw = w.deepCopy();
        tw.remove("source");
        x.set("truce_watch", tw);
      }
    }
    ObjectNode n = json.createObjectNode();
    n.set("items", items);
    sendJson(ctx, n);
  }

  private void reports(Context ctx) {
    Params.requireKnown(ctx, List.of("from", "to", "format"));
    JsonNode r = documents.get(Store.Text.REPORT_JSON);
    java.time.LocalDate[] range = Params.days(ctx);
    java.time.LocalDate from = range[0];
    java.time.LocalDate to = range[1];
    String format = Params.format(ctx, "json", "csv");
    if (format.equals("csv")) {
      List<String> cols =
          List.of(
              "date", "phase", "coverage", "detections", "war_related", "in_buffer", "incidents");
      List<String> verdicts = new ArrayList<>();
      r.get("days").get(0).path("findings").fieldNames().forEachRemaining(verdicts::add);
      List<String> header = new ArrayList<>(cols);
      header.addAll(verdicts);
      header.add("versions");
      header.add("last_stated");
      header.add("method_version");
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode d : r.get("days")) {
        java.time.LocalDate day = java.time.LocalDate.parse(d.get("date").asText());
        if ((from != null && day.isBefore(from)) || (to != null && day.isAfter(to))) {
          continue;
        }
        List<String> row = new ArrayList<>();
        row.add(d.get("date").asText());
        row.add(d.get("phase").asText());
        row.add(d.path("coverage").path("status").asText());
        for (String c : cols.subList(3, cols.size())) {
          row.add(Integer.toString(d.path(c).asInt()));
        }
        for (String v : verdicts) {
          row.add(Integer.toString(d.path("findings").path(v).asInt()));
        }
        row.add(Integer.toString(d.path("revisions").size()));
        row.add(Objects.requireNonNullElse(lastStated(d), ""));
        row.add(r.path("method_version").asText());
        rows.add(row);
      }
      ctx.contentType("text/csv; charset=utf-8").result(FeatureOutput.table(header, rows));
      return;
    }
    ObjectNode n = json.createObjectNode();
    n.put("method_version", r.path("method_version").asText());
    n.set("truce", r.get("truce"));
    n.set("summary", r.get("summary"));
    ArrayNode days = n.putArray("days");
    for (JsonNode d : r.get("days")) {
      java.time.LocalDate day = java.time.LocalDate.parse(d.get("date").asText());
      if ((from != null && day.isBefore(from)) || (to != null && day.isAfter(to))) {
        continue;
      }
      ObjectNode x = days.addObject();
      x.put("date", d.get("date").asText());
      x.put("phase", d.get("phase").asText());
      x.put("detections", d.path("detections").asInt());
      x.put("incidents", d.path("incidents").asInt());
      // how often the day's figures were stated, and when last: a day revised since it was read
      x.put("versions", d.path("revisions").size());
      x.put("last_stated", lastStated(d));
      x.put("href", "/api/v1/reports/" + d.get("date").asText());
      x.put("html", dayPageHref(d.get("date").asText(), "html"));
      x.put("pdf", dayPageHref(d.get("date").asText(), "pdf"));
    }
    n.put("html", "/reports/report.html");
    n.put("pdf", "/reports/report.pdf");
    n.put("json", "/api/v1/reports/latest");
    sendJson(ctx, n);
  }

  private void reportDay(Context ctx) {
    Params.requireKnown(ctx, List.of());
    String day = Params.day("day", ctx.pathParam("day")).toString();
    JsonNode r = documents.get(Store.Text.REPORT_JSON);
    for (JsonNode d : r.get("days")) {
      if (d.get("date").asText().equals(day)) {
        ObjectNode n = ((ObjectNode) d).deepCopy();
        n.put("method_version", r.path("method_version").asText());
        n.set("truce", r.get("truce"));
        n.put("html", dayPageHref(day, "html"));
        n.put("pdf", dayPageHref(day, "pdf"));
        sendJson(ctx, n);
        return;
      }
    }
    throw noReportDay(day, r);
  }

  /** When the newest version of a report.json day's figures was stated, or null without one. */
  private static String lastStated(JsonNode day) {
    JsonNode versions = day.path("revisions");
    return versions.isEmpty() ? null : versions.get(versions.size() - 1).path("stated").asText();
  }

  /** Where a report day's daily report is served, as {@code html} or printed as {@code pdf}. */
  static String dayPageHref(String day, String kind) {
    return "/reports/" + ReportHtml.DAYS_FOLDER + "/" + day + "." + kind;
  }

  /** 404 for a day without a report, naming the first and last report day of {@code report}. */
  private static ApiError noReportDay(Object day, JsonNode report) {
    JsonNode days = report.get("days");
    return ApiError.notFound(
        "no report day "
            + day
            + (days.isEmpty()
                ? ""
                : "; the report days run from "
                    + days.get(0).path("date").asText()
                    + " to "
                    + days.get(days.size() - 1).path("date").asText()));
  }

  private void reportHtml(Context ctx) {
    String html =
        monitor.store().assessmentText(Store.Text.REPORT_HTML).orElseThrow(Documents::noAssessment);
    ctx.html(html);
  }

  /**
   * The terms of the current assessment and the method it was made by, as {@code assess} writes
   * method.html beside the report: every report's "see the terms and the method" links to it.
   */
  private void methodPage(Context ctx) {
    Params.requireKnown(ctx, List.of());
    Rows.AssessmentInfo a = monitor.store().assessment().orElseThrow(Documents::noAssessment);
    Rows.Terms terms = monitor.store().terms(a.termsId()).orElseThrow(Documents::noAssessment);
    TruceContext truce = monitor.truce();
    if (truce == null) {
      throw Documents.noAssessment();
    }
    ctx.html(MethodHtml.render(truce.terms(), terms.name(), terms.sha256(), a.methodVersion()));
  }

  /**
   * A report day's daily report, {@code /reports/days/YYYY-MM-DD.html} as {@code assess} writes it,
   * or {@code .pdf} printed from it.
   */
  private void dayPage(Context ctx) {
    Params.requireKnown(ctx, List.of());
    String page = ctx.pathParam("page");
    int dot = page.lastIndexOf('.');
    String kind = dot < 0 ? "" : page.substring(dot + 1);
    if (!kind.equals("html") && !kind.equals("pdf")) {
      throw ApiError.notFound(
          "no page "
              + page
              + "; a daily report is YYYY-MM-DD.html or YYYY-MM-DD.pdf, such as 2025-08-16.html");
    }
    java.time.LocalDate day = Params.day("day", page.substring(0, dot));
    java.util.function.Supplier<ApiError> none =
        () -> noReportDay(day, documents.get(Store.Text.REPORT_JSON));
    if (kind.equals("html")) {
      ctx.html(monitor.store().dayPage(day).orElseThrow(none));
    } else {
      ctx.contentType("application/pdf")
          .header("Content-Disposition", "inline; filename=\"trucewatch-" + day + ".pdf\"")
          .result(documents.dayPdf(day).orElseThrow(none));
    }
  }

  /**
   * The report as PDF, rendered from the stored HTML (the same renderer as the command line) once
   * per assessment.
   */
  private void reportPdf(Context ctx) {
    byte[] pdf = documents.pdf();
    ctx.contentType("application/pdf")
        .header("Content-Disposition", "inline; filename=\"report.pdf\"")
        .result(pdf);
  }

  // ------------------------------------------------------------ helpers

  void sendJson(Context ctx, JsonNode n) {
    ctx.contentType("application/json").result(n.toString());
  }

  void error(Context ctx, int status, String code, String message) {
    ObjectNode n = json.createObjectNode();
    n.put("code", code);
    n.put("message", message);
    ctx.status(status).contentType("application/json").result(n.toString());
  }

  /** The request's URL with one query parameter set (relative: path and query). */
  static String withParam(Context ctx, String name, String value) {
    StringBuilder sb = new StringBuilder(ctx.path()).append('?');
    boolean first = true;
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (e.getKey().equals(name)) {
        continue;
      }
      for (String v : e.getValue()) {
        sb.append(first ? "" : "&").append(enc(e.getKey())).append('=').append(enc(v));
        first = false;
      }
    }
    sb.append(first ? "" : "&").append(enc(name)).append('=').append(enc(value));
    return sb.toString();
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
