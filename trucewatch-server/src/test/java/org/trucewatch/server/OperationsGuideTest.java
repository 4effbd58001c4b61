package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * What docs/operations.md tells an operator to set up, run as written: its nginx site in front of a
 * private server (TLS, the addresses the server gives in its answers, the sign-in cookie, an upload
 * over nginx's default limit), and its alert rules (docs/trucewatch-alerts.yml) in Prometheus's own
 * rule checker and unit tests. Under CI a missing tool fails; elsewhere these tests are skipped.
 */
@DisplayName(
    "The operators' guide, as written (skipped outside CI without nginx, openssl and promtool)")
class OperationsGuideTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path GUIDE = Path.of("..", "docs", "operations.md").toAbsolutePath();
  private static final Path RULES =
      Path.of("..", "docs", "trucewatch-alerts.yml").toAbsolutePath().normalize();

  /** The path of {@code tool}, or the test is failed (CI) or skipped (elsewhere). */
  static String need(String tool, String pkg) {
    for (String dir : List.of("/usr/sbin", "/usr/bin")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI needs " + tool + " (" + pkg + "); .ci/run installs it");
    }
    Assumptions.abort(tool + " is not installed (apt-get install " + pkg + ")");
    return null;
  }

  private record Ran(int code, String output) {}

  private static Ran run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** {@code text} with its one {@code from} replaced: the guide's text is used as it stands. */
  private static String once(String text, String from, String to) {
    assertThat(text.split(Pattern.quote(from), -1)).as("once in the guide: " + from).hasSize(2);
    return text.replace(from, to);
  }

  /** The fenced block of {@code lang} in the guide. */
  private static String block(String lang) throws Exception {
    String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
    int start = guide.indexOf("```" + lang + "\n");
    assertThat(start).as("a ```" + lang + " block in the guide").isNotNegative();
    start += lang.length() + 4;
    return guide.substring(start, guide.indexOf("\n```", start));
  }

  @Test
  void theGuidesNginxSiteServesThePrivateServerOverTlsAsItsOwnAddress(@TempDir Path tmp)
      throws Exception {
    String nginx = need("nginx", "nginx-light");
    String openssl = need("openssl", "openssl");
    Path cert = tmp.resolve("cert.pem");
    Path key = tmp.resolve("key.pem");
    Ran made =
        run(
            tmp,
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            cert.toString(),
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost");
    assertThat(made.code()).as(made.output()).isZero();
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 2);
      String liaison = store.createToken("liaison-fr", TokenScope.READ, "FR");
      String uploads = store.createToken("uploads");
      Path accessLog = tmp.resolve("access.log");
      try (Server server =
          Server.start(
              monitor,
              new Server.Options("127.0.0.1", 0, "", "")
                  .withPrivateReads(true)
                  .withAccessLog(AccessLog.open(accessLog, AccessLog.RETAIN_DAYS)))) {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
          port = free.getLocalPort();
        }
        String site = block("nginx");
        site = once(site, "listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;");
        site = once(site, "/etc/ssl/truce.example.org.pem", cert.toString());
        site = once(site, "/etc/ssl/private/truce.example.org.key", key.toString());
        site = once(site, "http://127.0.0.1:8080", "http://127.0.0.1:" + server.port());
        String temp = "";
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
          temp += kind + "_temp_path " + tmp.resolve(kind) + ";\n";
        }
        Path conf = tmp.resolve("nginx.conf");
        Files.writeString(
            conf,
            "daemon off;\nmaster_process off;\npid "
                + tmp.resolve("nginx.pid")
                + ";\nerror_log "
                + tmp.resolve("error.log")
                + ";\nevents {}\nhttp {\naccess_log off;\n"
                + temp
                + site
                + "\n}\n",
            StandardCharsets.UTF_8);
        Ran checked = run(tmp, nginx, "-t", "-p", tmp.toString(), "-c", conf.toString());
        assertThat(checked.code()).as(checked.output()).isZero();
        Process proxy =
            new ProcessBuilder(nginx, "-p", tmp.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("nginx.out").toFile())
                .start();
        try {
          awaitPort(port, proxy, tmp);
          HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).build();
          String base = "https://localhost:" + port;

          // the server's answers name the address the reader used: https, the proxy's port, and
          // not what a reader claims in the forwarding headers, which the site does not pass on
          HttpResponse<String> landing =
              https.send(
                  HttpRequest.newBuilder(URI.create(base + "/ogc"))
                      .header("Authorization", "Bearer " + liaison)
                      .header("Accept", "application/json")
                      .header("X-Forwarded-For", "198.51.100.9")
                      .header("Forwarded", "for=198.51.100.10;host=elsewhere.example;proto=http")
                      .header("X-Forwarded-Host", "elsewhere.example")
                      .header("X-Forwarded-Port", "8443")
                      .header("X-Forwarded-Server", "elsewhere.example")
                      .header("X-Proxied-Https", "off")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
          assertThat(landing.headers().firstValue("Strict-Transport-Security"))
              .hasValue("max-age=31536000");
          JsonNode links = JSON.readTree(landing.body()).path("links");
          assertThat(links).isNotEmpty();
          for (JsonNode l : links) {
            assertThat(l.path("href").asText()).startsWith(base + "/");
          }
          // the access log names the reader's address as nginx saw it, not one the reader claims
          AccessLogTest.Line logged = AccessLogTest.awaitLines(accessLog, 1).get(0);
          assertThat(logged.client()).isEqualTo("127.0.0.1");
          assertThat(logged.user()).isEqualTo("liaison-fr");
          assertThat(logged.request()).startsWith("GET /ogc HTTP/"); // nginx proxies in 1.0

          // signed in through the proxy, a browser keeps its token in a Secure cookie
          String form = "token=" + URLEncoder.encode(liaison, StandardCharsets.UTF_8) + "&next=%2F";
          HttpResponse<String> in =
              https.send(
                  HttpRequest.newBuilder(URI.create(base + "/signin"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(in.statusCode()).isEqualTo(303);
          assertThat(in.headers().firstValue("Set-Cookie"))
              .hasValue(
                  "trucewatch_token=" + liaison + "; Path=/; HttpOnly; SameSite=Strict; Secure");

          // a file over nginx's default limit of 1 MB reaches the server whole, which judges it
          StringBuilder big = new StringBuilder("latitude,longitude,acq_date,acq_time\n");
          while (big.length() < 2_100_000) {
            big.append("95.0,37.5,2025-08-14,0100\n");
          }
          HttpResponse<String> upload =
              https.send(
                  HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest?name=big.csv"))
                      .header("Authorization", "Bearer " + uploads)
                      .POST(HttpRequest.BodyPublishers.ofString(big.toString()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(upload.statusCode()).as(upload.body()).isEqualTo(400);
          JsonNode refused = JSON.readTree(upload.body());
          assertThat(refused.path("code").asText()).isEqualTo("invalid_file");
          // the whole of it: the server hashed what the reader sent
          assertThat(refused.path("sha256").asText())
              .isEqualTo(
                  java.util.HexFormat.of()
                      .formatHex(
                          java.security.MessageDigest.getInstance("SHA-256")
                              .digest(big.toString().getBytes(StandardCharsets.UTF_8))));
        } finally {
          proxy.destroy();
          assertThat(proxy.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
      }
    }
  }

  /** Waits until nginx listens on {@code port}; fails with its log if it stops first. */
  private static void awaitPort(int port, Process proxy, Path dir) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      if (!proxy.isAlive()) {
        throw new AssertionError(
            "nginx stopped: " + Files.readString(dir.resolve("nginx.out"), StandardCharsets.UTF_8));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("nginx did not listen on " + port + " within 20 s");
  }

  /** TLS that trusts the one certificate {@code pem}. */
  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      trust.setCertificateEntry(
          "proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  /**
   * Each metric the rules name is one that a server with the options the guide's unit gives (a
   * backup folder, FIRMS sources, a CAP keystore with a time-stamp authority, a receiver of alerts)
   * serves: a metric renamed in the code and not in the rules would leave a rule that never fires.
   */
  @Test
  void everyMetricTheRulesNameIsServedByAServerWithTheGuidesOptions(@TempDir Path tmp)
      throws Exception {
    Matcher m =
        Pattern.compile("\\b(trucewatch_[a-z_]+)\\b")
            .matcher(Files.readString(RULES, StandardCharsets.UTF_8));
    java.util.Set<String> named = new java.util.TreeSet<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).hasSize(7);
    try (Store store = Store.open(tmp.resolve("db").toString());
        Backups backups =
            Backups.start(store, tmp.resolve("backups"), java.time.Duration.ofHours(1));
        Webhooks hooks =
            new Webhooks(
                new Webhooks.Settings(
                    List.of(URI.create("http://127.0.0.1:9/nobody-listens")),
                    java.util.Optional.empty()),
                store)) {
      Monitor monitor = Fixture.loaded(store, 2);
      monitor.listen(hooks);
      // FIRMS out of reach: the server still serves the metric of its last success
      FirmsFetch firms =
          FirmsFetch.of(
              monitor,
              new FirmsFetch.Settings(
                  URI.create("http://127.0.0.1:9/"),
                  "0123456789abcdef0123456789abcdef",
                  List.of("VIIRS_NOAA20_NRT"),
                  2,
                  java.time.Duration.ofHours(1)));
      try (firms;
          Server server =
              Server.start(
                  monitor,
                  new Server.Options("127.0.0.1", 0, "", "")
                      .withBackups(backups)
                      .withFirms(firms)
                      .withAccessLog(AccessLog.open(tmp.resolve("access.log"), 90))
                      .withCapSigner(
                          CapSignerTest.signer(tmp, "-keyalg", "EC", "-groupname", "secp256r1")
                              .withTimeStamps(
                                  new TimeStamps(URI.create("http://127.0.0.1:9/tsa")))))) {
        String metrics = Fixture.get("http://127.0.0.1:" + server.port() + "/metrics").body();
        for (String name : named) {
          assertThat(metrics).as(name).containsPattern("(?m)^" + name + "[{ ]");
        }
      }
    }
  }

  @Test
  void theGuidesAlertRulesAreValidAndEachFiresAtItsThreshold(@TempDir Path tmp) throws Exception {
    String promtool = need("promtool", "prometheus");
    // the guide's table gives the rules file's expressions
    String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
    String watching = guide.substring(guide.indexOf("## Watching it"));
    List<String> documented = new ArrayList<>();
    Matcher m = Pattern.compile("\\| `([^`]+)` \\|").matcher(watching);
    while (m.find()) {
      documented.add(m.group(1));
    }
    String rules = Files.readString(RULES, StandardCharsets.UTF_8);
    assertThat(documented).hasSize(7);
    for (String expr : documented) {
      assertThat(rules).contains("expr: " + expr + "\n");
    }
    Ran checked = run(tmp, promtool, "check", "rules", RULES.toString());
    assertThat(checked.code()).as(checked.output()).isZero();
    assertThat(checked.output()).contains("SUCCESS: 7 rules found");

    // each rule against series that cross its threshold (Prometheus's clock starts at 0 here)
    Path test = tmp.resolve("rules-test.yml");
    Files.writeString(
        test,
        String.join(
            "\n",
            "rule_files: ['" + RULES + "']",
            "evaluation_interval: 1m",
            "tests:",
            "  - interval: 1h",
            "    input_series:",
            // a detection acquired at 0, and none since
            "      - series: 'trucewatch_newest_detection_timestamp_seconds{source=\"VIIRS/N20\"}'",
            "        values: '0x40'",
            "      - series: 'trucewatch_firms_last_success_timestamp_seconds{source=\"MODIS_NRT\"}'",
            "        values: '0x40'",
            "      - series: 'trucewatch_backup_last_success_timestamp_seconds'",
            "        values: '0x40'",
            // a certificate that ends after 30 days
            "      - series: 'trucewatch_cap_certificate_not_after_timestamp_seconds'",
            "        values: '2592000x500'",
            "    alert_rule_test:",
            "      - eval_time: 23h",
            "        alertname: TruceWatchSatelliteDataStopped",
            "        exp_alerts: []",
            "      - eval_time: 25h",
            "        alertname: TruceWatchSatelliteDataStopped",
            "        exp_alerts:",
            "          - exp_labels: {severity: warning, source: VIIRS/N20}",
            "      - eval_time: 2h",
            "        alertname: TruceWatchFirmsNotAnswering",
            "        exp_alerts: []",
            "      - eval_time: 4h",
            "        alertname: TruceWatchFirmsNotAnswering",
            "        exp_alerts:",
            "          - exp_labels: {severity: warning, source: MODIS_NRT}",
            "      - eval_time: 25h",
            "        alertname: TruceWatchNoBackup",
            "        exp_alerts: []",
            "      - eval_time: 27h",
            "        alertname: TruceWatchNoBackup",
            "        exp_alerts:",
            "          - exp_labels: {severity: critical}",
            "      - eval_time: 15d",
            "        alertname: TruceWatchCapCertificateEnding",
            "        exp_alerts: []",
            "      - eval_time: 17d",
            "        alertname: TruceWatchCapCertificateEnding",
            "        exp_alerts:",
            "          - exp_labels: {severity: warning}",
            // one receiver behind from the first minute on, another for half an hour at a time
            "  - interval: 1m",
            "    input_series:",
            "      - series: 'trucewatch_alerts_pending{channel=\"webhook\"}'",
            "        values: '0 3x150'",
            "      - series: 'trucewatch_alerts_pending{channel=\"email\"}'",
            "        values: '0 2x29 0x30 2x29 0x30 2x29'",
            // three lines lost at 21 minutes, and none after
            "      - series: 'trucewatch_access_log_failures_total'",
            "        values: '0x20 3x40'",
            // one PDF left unstamped at 11 minutes, and none after
            "      - series: 'trucewatch_pdf_timestamps_total{outcome=\"failed\"}'",
            "        values: '0x10 1x100'",
            "    alert_rule_test:",
            "      - eval_time: 59m",
            "        alertname: TruceWatchAlertsBehind",
            "        exp_alerts: []",
            "      - eval_time: 90m",
            "        alertname: TruceWatchAlertsBehind",
            "        exp_alerts:",
            "          - exp_labels: {severity: warning, channel: webhook}",
            "      - eval_time: 15m",
            "        alertname: TruceWatchAccessLogFailing",
            "        exp_alerts: []",
            "      - eval_time: 25m",
            "        alertname: TruceWatchAccessLogFailing",
            "        exp_alerts:",
            "          - exp_labels: {severity: critical}",
            "      - eval_time: 45m",
            "        alertname: TruceWatchAccessLogFailing",
            "        exp_alerts: []",
            "      - eval_time: 5m",
            "        alertname: TruceWatchPdfTimeStampsFailing",
            "        exp_alerts: []",
            "      - eval_time: 30m",
            "        alertname: TruceWatchPdfTimeStampsFailing",
            "        exp_alerts:",
            "          - exp_labels: {severity: warning, outcome: failed}",
            "      - eval_time: 80m",
            "        alertname: TruceWatchPdfTimeStampsFailing",
            "        exp_alerts: []",
            ""),
        StandardCharsets.UTF_8);
    Ran tested = run(tmp, promtool, "test", "rules", test.toString());
    assertThat(tested.code()).as(tested.output()).isZero();
    assertThat(tested.output()).contains("SUCCESS");
  }
}
