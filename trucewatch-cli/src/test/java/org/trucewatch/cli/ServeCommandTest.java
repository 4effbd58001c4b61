package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/** {@code demo --serve}, {@code serve}, {@code token create} and {@code ingest} end to end. */
class ServeCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Pattern URL = Pattern.compile("map: +(http://[^/]+)/");
  static final Path FIRMS = DemoReportTest.DATA.resolve("firms/viirs-nrt");

  /** A command that serves, running in a thread until {@link #close}. */
  static final class Serving implements AutoCloseable {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Thread thread;
    final String base;

    Serving(String... args) throws Exception {
      thread =
          new Thread(
              () -> Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true)));
      thread.start();
      long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      Matcher m = URL.matcher("");
      // until the whole notice is printed, its notes (alerts, backups) after the addresses
      while (!m.reset(out.toString()).find() || !out.toString().contains("stop with Ctrl-C")) {
        assertThat(thread.isAlive()).as("serving stopped: " + err).isTrue();
        assertThat(System.nanoTime() - until).as("no URL printed").isNegative();
        Thread.sleep(100);
      }
      base = m.group(1);
    }

    @Override
    public void close() {
      thread.interrupt();
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertThat(thread.isAlive()).as("still serving after interrupt").isFalse();
    }
  }

  static JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** A GET as a page of {@code origin} sends it. */
  private static HttpResponse<String> getFrom(String origin, String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).header("Origin", origin).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static int post(String url, String token, Path file) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofFile(file));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void demoServeAnswersWhatTheBatchDemoReports(@TempDir Path dir) throws Exception {
    CliTest.Run batch =
        CliTest.run("demo", "--data", DemoReportTest.DATA.toString(), "--out", dir.toString());
    assertThat(batch.code()).as(batch.err()).isZero();
    JsonNode written = JSON.readTree(dir.resolve("report.json").toFile());

    Path folder;
    try (Serving s =
        new Serving("demo", "--serve", "--port", "0", "--data", DemoReportTest.DATA.toString())) {
      assertThat(s.out.toString()).contains("28 FIRMS files, 15334 new observations");
      JsonNode health = get(s.base + "/health");
      assertThat(health.path("stored").path("observations").asLong()).isEqualTo(15334);
      assertThat(health.path("stored").path("ingests").asLong()).isEqualTo(28);
      JsonNode served = get(s.base + "/api/v1/reports/latest");
      assertThat(served.path("summary")).isEqualTo(written.path("summary"));
      // the server states each day's figures once so far, and lists that version; else the same
      for (JsonNode d : served.path("days")) {
        ObjectNode day = (ObjectNode) d;
        if (day.at("/coverage/status").asText().equals("not-observed")) {
          assertThat(day.has("revisions")).isFalse();
          continue;
        }
        JsonNode only = day.remove("revisions");
        assertThat(only).hasSize(1);
        assertThat(only.at("/0/detections")).isEqualTo(day.path("detections"));
        assertThat(only.at("/0/findings")).isEqualTo(day.path("findings"));
      }
      assertThat(served.path("days")).isEqualTo(written.path("days"));
      // and the same daily reports, byte for byte but for that list
      Map<String, String> coverage = new java.util.HashMap<>();
      written
          .path("days")
          .forEach(d -> coverage.put(d.path("date").asText(), d.at("/coverage/status").asText()));
      for (String day : List.of("2025-08-11", "2025-08-16", "2025-08-31", "2025-09-14")) {
        HttpResponse<String> page =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(s.base + "/reports/days/" + day + ".html"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        String revisions = "<h2>Revisions</h2>.*?</table>";
        assertThat(Pattern.compile(revisions).matcher(page.body()).find())
            .as(day)
            .isEqualTo(!coverage.get(day).equals("not-observed"));
        assertThat(page.body().replaceFirst(revisions, ""))
            .as(day)
            .isEqualTo(
                Files.readString(dir.resolve("days/" + day + ".html"), StandardCharsets.UTF_8));
      }
      assertThat(get(s.base + "/api/v1/incidents?limit=1").path("matched").asLong())
          .isEqualTo(written.path("summary").path("all_days").path("incidents").asLong());
      Matcher m = Pattern.compile("serving (\\S+)").matcher(s.out.toString());
      assertThat(m.find()).isTrue();
      folder = Path.of(m.group(1));
      assertThat(folder).isDirectory();
    }
    assertThat(folder).as("the temporary demo store is removed").doesNotExist();
  }

  /** {@code serve} of the store {@code db}, signing with {@code keystore}, and {@code more}. */
  private static CliTest.Run signing(String db, Path keystore, Path password, String... more) {
    List<String> args = new ArrayList<>(List.of("serve", "--db", db));
    args.addAll(
        List.of(
            "--cap-keystore",
            keystore.toString(),
            "--cap-keystore-password-file",
            password.toString()));
    args.addAll(List.of(more));
    return CliTest.run(args.toArray(String[]::new));
  }

  @Test
  void serveSignsItsCapMessagesWithTheKeystoreItIsGiven(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("cap.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "cap",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=Mission alerts",
                "-validity",
                "20",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "pass-word",
                "-keypass",
                "pass-word")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    Path password = dir.resolve("password");
    Files.writeString(password, "pass-word\n", StandardCharsets.UTF_8);
    String db = dir.resolve("store").toString();

    CliTest.Run alone = CliTest.run("serve", "--db", db, "--cap-keystore", store.toString());
    assertThat(alone.code()).isEqualTo(2);
    assertThat(alone.err()).contains("--cap-keystore and --cap-keystore-password-file go together");
    CliTest.Run notAStore =
        CliTest.run(
            "serve",
            "--db",
            db,
            "--cap-keystore",
            password.toString(),
            "--cap-keystore-password-file",
            password.toString());
    assertThat(notAStore.code()).isEqualTo(1);
    assertThat(notAStore.err()).contains(password + ": is not a PKCS #12 keystore");
    // a time-stamp authority stamps the PDFs' signatures: it needs a key, and a web address
    CliTest.Run stampsAlone = CliTest.run("serve", "--db", db, "--tsa", "http://tsa.example");
    assertThat(stampsAlone.code()).isEqualTo(2);
    assertThat(stampsAlone.err())
        .contains("--tsa needs --cap-keystore: it time-stamps the PDFs' signatures");
    CliTest.Run notWeb = signing(db, store, password, "--tsa", "ftp://tsa.example");
    assertThat(notWeb.code()).isEqualTo(2);
    assertThat(notWeb.err())
        .contains("--tsa ftp://tsa.example: must be an http or https URL with a host");
    // the authority's certificate, as the mission publishes it, is checked only with --tsa
    Path exported = dir.resolve("mission.pem");
    Process export =
        new ProcessBuilder(
                "keytool",
                "-exportcert",
                "-rfc",
                "-alias",
                "cap",
                "-keystore",
                store.toString(),
                "-storepass",
                "pass-word",
                "-file",
                exported.toString())
            .redirectErrorStream(true)
            .start();
    export.getInputStream().readAllBytes();
    assertThat(export.waitFor()).isZero();
    CliTest.Run trustAlone = signing(db, store, password, "--tsa-trust", exported.toString());
    assertThat(trustAlone.code()).isEqualTo(2);
    assertThat(trustAlone.err())
        .contains("--tsa-trust needs --tsa: it checks the authority's stamps");
    CliTest.Run trustNotPem =
        signing(
            db,
            store,
            password,
            "--tsa",
            "http://127.0.0.1:9/tsa",
            "--tsa-trust",
            password.toString());
    assertThat(trustNotPem.code()).isEqualTo(1);
    assertThat(trustNotPem.err())
        .contains("--tsa-trust " + password + ": is not a certificate in PEM");

    try (Serving s =
        new Serving(
            "serve",
            "--port",
            "0",
            "--db",
            db,
            "--cap-keystore",
            store.toString(),
            "--cap-keystore-password-file",
            password.toString(),
            "--tsa",
            "http://127.0.0.1:9/tsa",
            "--tsa-trust",
            exported.toString())) {
      assertThat(s.out.toString())
          .containsPattern(
              "  signed by: +CN=Mission alerts, SHA-256 [^\n]+ \\(CAP messages, PDFs\\)\n")
          .contains(
              "  time-stamped by: http://127.0.0.1:9/tsa (the PDFs' signatures), its certificate"
                  + " checked against "
                  + exported
                  + "\n");
      // a certificate that ends within 30 days is warned of at start
      assertThat(s.out.toString())
          .containsPattern(
              "warning: +the CAP signing certificate expires at 20\\S+ \\(in 19 days\\); renew it");
      HttpResponse<String> pem =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(s.base + "/alerts/cap-certificate.pem")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(pem.statusCode()).isEqualTo(200);
      assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----\n");
    }
  }

  @Test
  void serveWithCapPushPostsEachCapMessageToTheHubAndAfterARestartWhatAnIngestIssued(
      @TempDir Path dir) throws Exception {
    String db = dir.resolve("store").toString();
    CliTest.Run t = CliTest.run("token", "create", "observers", "--db", db);
    assertThat(t.code()).as(t.err()).isZero();
    String token = t.out().trim();
    // the demo terms with a clause on reported explosions and gunfire in the buffer
    Path terms = dir.resolve("terms.yaml");
    Files.writeString(
        terms,
        Files.readString(DemoReportTest.DATA.resolve("terms/demo-truce.yaml"))
            .replace(
                "control_map: ../",
                "control_map: "
                    + DemoReportTest.DATA.toAbsolutePath().normalize().toString().replace('\\', '/')
                    + "/")
            .replace(
                "clauses:\n",
                "clauses:\n  - id: C2\n    type: reported-activity-in-zone\n"
                    + "    zones: [buffer-15km]\n    events: [explosion, gunfire]\n"),
        StandardCharsets.UTF_8);
    Path reports = dir.resolve("reports.csv");
    Files.writeString(
        reports,
        "report_id,source_id,source_kind,observed_at,latitude,longitude,uncertainty_m,event\n"
            + "R-1,OBS-2,observer,2025-08-16T14:05Z,47.9000,37.5000,2000,gunfire\n"
            + "R-2,AC-1,acoustic,2025-08-16T14:07Z,47.9100,37.5200,4000,gunfire\n",
        StandardCharsets.UTF_8);
    List<String> got = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    io.javalin.Javalin hub =
        io.javalin.Javalin.create(
                c ->
                    c.routes.post(
                        "/cap",
                        ctx -> got.add(ctx.header("X-TruceWatch-Event") + " " + ctx.body())))
            .start("127.0.0.1", 0);
    String url = "http://127.0.0.1:" + hub.port() + "/cap";
    try (Serving s =
        new Serving(
            "serve",
            "--db",
            db,
            "--terms",
            terms.toString(),
            "--port",
            "0",
            "--cap-push",
            url,
            "--public-url",
            "https://truce.example")) {
      assertThat(s.out.toString()).contains("alerts to:       " + url + " (CAP messages)");
      assertThat(post(s.base + "/api/v1/ingest?name=reports.csv", token, reports)).isEqualTo(200);
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (got.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      // the gunfire that two sources report: one violation, one Alert, with its web link
      assertThat(got)
          .singleElement()
          .asString()
          .startsWith("cap-message <?xml")
          .contains("<msgType>Alert</msgType>")
          .contains("<web>https://truce.example/api/v1/findings/");
    }
    // with the server stopped, a scheduled ingest takes in a camera's report of the same gunfire:
    // the violation changes, and the ingest issues an Update of its Alert
    Path camera = dir.resolve("camera.csv");
    Files.writeString(
        camera,
        "report_id,source_id,source_kind,observed_at,latitude,longitude,uncertainty_m,event\n"
            + "R-3,CAM-1,camera,2025-08-16T14:06Z,47.9050,37.5100,1000,gunfire\n",
        StandardCharsets.UTF_8);
    CliTest.Run in = CliTest.run("ingest", "--db", db, camera.toString());
    assertThat(in.code()).as(in.err()).isZero();
    // the next serve gives the hub that Update, where the push stopped, and nothing twice
    try (Serving s = new Serving("serve", "--db", db, "--port", "0", "--cap-push", url)) {
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (got.size() < 2 && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      Thread.sleep(500);
      assertThat(got).hasSize(2);
      String alert = got.get(0).replaceAll("(?s).*<identifier>([^<]+)</identifier>.*", "$1");
      assertThat(got.get(1))
          .contains("<msgType>Update</msgType>")
          .contains("<references>urn:trucewatch:")
          .contains("," + alert + ",");
    } finally {
      hub.stop();
    }
    // where the hub stands in the log, and forgetting it
    CliTest.Run list = CliTest.run("alerts", "list", "--db", db);
    assertThat(list.code()).as(list.err()).isZero();
    List<String> lines = list.out().lines().toList();
    assertThat(lines).hasSize(2).startsWith("channel\treceiver\tplace\tbehind\tgiven_by\trecorded");
    String[] fields = lines.get(1).split("\t");
    // the server stopped has let go of the hub: no process gives it its messages now
    assertThat(fields).hasSize(6).startsWith("cap", url, "2", "0", "");
    assertThat(java.time.Instant.parse(fields[5]))
        .isAfter(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    CliTest.Run email = CliTest.run("alerts", "forget", url, "--channel", "email", "--db", db);
    assertThat(email.code()).isEqualTo(2);
    assertThat(email.err()).contains("--channel must be cap or webhook for " + url + ", was email");
    CliTest.Run forget = CliTest.run("alerts", "forget", url, "--db", db);
    assertThat(forget.code()).as(forget.err()).isZero();
    assertThat(forget.out())
        .contains("the place of " + url + " is forgotten (cap)")
        .contains("the next alerts to it start at the end of the log");
    CliTest.Run again = CliTest.run("alerts", "forget", url, "--db", db);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("no alerts to " + url + " are recorded");
    assertThat(CliTest.run("alerts", "list", "--db", db).out().lines())
        .containsExactly("channel\treceiver\tplace\tbehind\tgiven_by\trecorded");
    // --public-url without a receiver of links, or a hub that is not http(s), is bad usage
    CliTest.Run alone =
        CliTest.run("serve", "--db", db, "--port", "0", "--public-url", "https://truce.example");
    assertThat(alone.code()).isEqualTo(2);
    assertThat(alone.err()).contains("--public-url needs --mail-to ADDRESS or --cap-push URL");
    CliTest.Run ftp = CliTest.run("serve", "--db", db, "--port", "0", "--cap-push", "ftp://hub");
    assertThat(ftp.code()).isEqualTo(2);
    assertThat(ftp.err()).contains("--cap-push ftp://hub: a webhook URL must begin with http://");
    // a receiver's area that is not #sector=ID, #oblast=CODE or both is bad usage
    for (String[] receiver :
        List.of(
            new String[] {"--cap-push", "https://hub/cap#region=x"},
            new String[] {"--webhook", "https://hook/x#sector"})) {
      CliTest.Run area = CliTest.run("serve", "--db", db, "--port", "0", receiver[0], receiver[1]);
      assertThat(area.code()).isEqualTo(2);
      assertThat(area.err())
          .contains(
              receiver[0]
                  + " "
                  + receiver[1]
                  + ": a receiver of alerts may end with #sector=ID, #oblast=CODE or both");
    }
  }

  @Test
  void tokenIngestAndServeShareOneStore(@TempDir Path dir) throws Exception {
    String db = dir.resolve("store").toString();
    CliTest.Run t = CliTest.run("token", "create", "liaison-nl", "--db", db);
    assertThat(t.code()).as(t.err()).isZero();
    String token = t.out().trim();
    assertThat(token).startsWith("tw_");
    CliTest.Run again = CliTest.run("token", "create", "liaison-nl", "--db", db);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("exists");

    Path day1 = FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz");
    String terms = DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString();
    CliTest.Run in = CliTest.run("ingest", "--db", db, "--terms", terms, day1.toString());
    assertThat(in.code()).as(in.err()).isZero();
    assertThat(JSON.readTree(in.out()).path("status").asText()).isEqualTo("ingested");
    CliTest.Run twice = CliTest.run("ingest", "--db", db, day1.toString());
    assertThat(JSON.readTree(twice.out()).path("status").asText()).isEqualTo("already-ingested");

    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    CliTest.Run bad = CliTest.run("ingest", "--db", db, empty.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(JSON.readTree(bad.out()).path("rejections").path("by_reason").has("empty-file"))
        .isTrue();

    // serve with the stored terms: the map has the truce and the tiles, ingest needs the token
    String tiles = "https://tiles.example.org/{z}/{x}/{y}.png";
    String dashboard = "https://dashboard.example.org";
    String second = "http://127.0.0.1:3000";
    Path accessLog = dir.resolve("access.log");
    try (Serving s =
        new Serving(
            "serve",
            "--db",
            db,
            "--port",
            "0",
            "--access-log",
            accessLog.toString(),
            "--tiles",
            tiles,
            "--cors-origin",
            dashboard,
            "--cors-origin",
            second,
            "--trusted-proxy",
            "192.0.2.10")) {
      JsonNode map = get(s.base + "/api/v1/map");
      // a proxy elsewhere is trusted, so what this machine's reader claims is not
      assertThat(s.out.toString()).contains("  proxies trusted: 192.0.2.10 (--trusted-proxy)\n");
      HTTP.send(
          HttpRequest.newBuilder(URI.create(s.base + "/health"))
              .header("X-Forwarded-For", "203.0.113.9")
              .build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(map.path("truce").path("name").asText()).startsWith("Demonstration truce");
      assertThat(map.path("tiles").path("url").asText()).isEqualTo(tiles);
      // the named origins' pages may read across origins; another origin's may not
      for (String origin : List.of(dashboard, second, "https://elsewhere.example.org")) {
        HttpResponse<String> r = getFrom(origin, s.base + "/ogc/collections");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin"))
            .as(origin)
            .isEqualTo(
                origin.startsWith("https://elsewhere") ? Optional.empty() : Optional.of(origin));
      }
      // an answer that depends on the origin and on Accept says both to a cache
      HttpResponse<String> varies = getFrom(dashboard, s.base + "/api/v1/incidents?limit=1");
      assertThat(String.join(",", varies.headers().allValues("Vary"))).contains("Origin", "Accept");
      // a second server on the same port fails with one line, and leaves the store usable
      int port = Integer.parseInt(s.base.substring(s.base.lastIndexOf(':') + 1));
      Path other = dir.resolve("other");
      java.io.PrintStream stderr = System.err;
      java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
      CliTest.Run busy;
      try {
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        busy = CliTest.run("serve", "--db", other.toString(), "--port", Integer.toString(port));
      } finally {
        System.setErr(stderr);
      }
      assertThat(busy.code()).isEqualTo(1);
      assertThat(busy.err()).contains("error: cannot serve on 127.0.0.1:" + port + ": ");
      // the web server's own "Failed to start" line does not say it a second time in the log
      assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("Failed to start");
      assertThat(CliTest.run("token", "create", "after", "--db", other.toString()).code()).isZero();
      Path day2 = FIRMS.resolve("SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025226.txt.csv.gz");
      assertThat(post(s.base + "/api/v1/ingest?name=" + day2.getFileName(), null, day2))
          .isEqualTo(401);
      long before = get(s.base + "/health").path("stored").path("observations").asLong();
      assertThat(post(s.base + "/api/v1/ingest?name=" + day2.getFileName(), token, day2))
          .isEqualTo(200);
      JsonNode health = get(s.base + "/health");
      assertThat(health.path("stored").path("observations").asLong()).isGreaterThan(before);
      assertThat(health.path("stored").path("ingests").asLong()).isEqualTo(2);
      assertThat(health.path("assessment").path("last_ingest_id").asLong()).isEqualTo(2);
      assertThat(s.out.toString()).contains("  access log:      " + accessLog + "\n");
    }
    // the access log names the holder of the token that ingested, and never the token
    String logged = Files.readString(accessLog, StandardCharsets.UTF_8);
    assertThat(logged)
        .contains("127.0.0.1 - - [")
        .contains("\"GET /api/v1/map HTTP/1.1\" 200 ")
        .containsPattern(
            "127\\.0\\.0\\.1 - liaison-nl \\[[^]]+\\] \"POST /api/v1/ingest\\?name=SUOMI\\S+ HTTP/1.1\" 200 ")
        .doesNotContain(token)
        .doesNotContain("203.0.113.9");

    // a revoked token opens nothing; the list shows names and dates, never a token
    CliTest.Run revoke = CliTest.run("token", "revoke", "liaison-nl", "--db", db);
    assertThat(revoke.code()).as(revoke.err()).isZero();
    assertThat(revoke.out()).startsWith("token liaison-nl revoked at 20");
    CliTest.Run reader =
        CliTest.run(
            "token", "create", "liaison-it", "--scope", "read", "--member", "it", "--db", db);
    assertThat(reader.code()).as(reader.err()).isZero();
    String readToken = reader.out().trim();
    CliTest.Run analyst =
        CliTest.run(
            "token",
            "create",
            "analyst-1",
            "--scope",
            "review",
            "--expires",
            "2099-12-31",
            "--db",
            db);
    assertThat(analyst.code()).as(analyst.err()).isZero();
    // a token whose end has come (the command refuses an end that has passed; the store takes one
    // a moment ahead)
    try (Store store = Store.open(db)) {
      store.createToken(
          "liaison-se",
          TokenScope.READ,
          "SE",
          java.time.Clock.systemUTC().instant().plusMillis(50));
    }
    Thread.sleep(100);
    CliTest.Run list = CliTest.run("token", "list", "--db", db);
    assertThat(list.out().lines())
        .first()
        .isEqualTo("name\tcreated\trevoked\tscope\tmember\texpires\tstatus\trotated");
    assertThat(list.out()).contains("liaison-nl\t20").doesNotContain("tw_");
    assertThat(list.out().lines().skip(1))
        .allSatisfy(l -> assertThat(l.split("\t", -1)).hasSize(8))
        .anySatisfy(
            l -> assertThat(l).startsWith("liaison-nl\t").endsWith("\tingest\t\t\trevoked\t"))
        .anySatisfy(
            l -> assertThat(l).startsWith("liaison-it\t").endsWith("\t\tread\tIT\t\tactive\t"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("analyst-1\t")
                    .endsWith("\t\treview\t\t2099-12-31T00:00:00Z\tactive\t"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("liaison-se\t")
                    .contains("\t\tread\tSE\t20")
                    .endsWith("Z\texpired\t"));
    // an end that has passed, or that is not a time, is refused before the store is opened
    for (String[] refused :
        List.of(
            new String[] {"2020-01-01", "--expires must be after now ("},
            new String[] {"2020-01-01T12:00+02:00", "--expires must be after now ("},
            new String[] {"next-week", "--expires must be a date YYYY-MM-DD or a time"})) {
      CliTest.Run late =
          CliTest.run(
              "token",
              "create",
              "late",
              "--expires",
              refused[0],
              "--db",
              dir.resolve("x").toString());
      assertThat(late.code()).as(refused[0]).isEqualTo(2);
      assertThat(late.err()).as(refused[0]).startsWith("error: " + refused[1]);
    }
    assertThat(dir.resolve("x")).doesNotExist();
    CliTest.Run member =
        CliTest.run("token", "create", "liaison-fr", "--member", "France", "--db", db);
    assertThat(member.code()).isEqualTo(2);
    assertThat(member.err())
        .startsWith(
            "error: --member: a member state is named by its two-letter code (ISO 3166-1), such as"
                + " FR, was France");
    CliTest.Run scope = CliTest.run("token", "create", "x", "--scope", "admin", "--db", db);
    assertThat(scope.code()).isEqualTo(2);
    assertThat(scope.err())
        .startsWith("error: --scope: a token's scope is ingest, read or review, was admin");
    assertThat(CliTest.run("token", "revoke", "nobody", "--db", db).err())
        .isEqualTo("error: no token named nobody" + System.lineSeparator());
    try (Serving s = new Serving("serve", "--db", db, "--port", "0")) {
      Path day3 = FIRMS.resolve("SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025227.txt.csv.gz");
      assertThat(post(s.base + "/api/v1/ingest?name=" + day3.getFileName(), token, day3))
          .isEqualTo(401);
      assertThat(get(s.base + "/health").path("stored").path("ingests").asLong()).isEqualTo(2);
    }
    // a token others may have seen gets a new secret under its name; the old one opens nothing
    CliTest.Run rotate = CliTest.run("token", "rotate", "liaison-it", "--db", db);
    assertThat(rotate.code()).as(rotate.err()).isZero();
    String rotated = rotate.out().trim();
    assertThat(rotated).startsWith("tw_").isNotEqualTo(readToken);
    assertThat(CliTest.run("token", "list", "--db", db).out().lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("liaison-it\t")
                    .contains("\tread\tIT\t\tactive\t20")
                    .endsWith("Z"));
    CliTest.Run revoked = CliTest.run("token", "rotate", "liaison-nl", "--db", db);
    assertThat(revoked.code()).isEqualTo(1);
    assertThat(revoked.err()).startsWith("error: the token liaison-nl is revoked (");
    // a private server answers holders of a token only
    try (Serving s = new Serving("serve", "--db", db, "--port", "0", "--private")) {
      assertThat(s.out.toString())
          .contains("  private:         every answer but /health needs an API token");
      HttpResponse<String> none =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(s.base + "/api/v1/reports")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(401);
      for (String held : List.of(readToken, rotated)) {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(s.base + "/api/v1/reports"))
                    .header("Authorization", "Bearer " + held)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(held.equals(rotated) ? 200 : 401);
      }
      assertThat(get(s.base + "/health").path("status").asText()).isEqualTo("ok");
      // a read token does not ingest
      Path day3 = FIRMS.resolve("SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025227.txt.csv.gz");
      assertThat(post(s.base + "/api/v1/ingest?name=" + day3.getFileName(), rotated, day3))
          .isEqualTo(403);
    }
  }

  /**
   * Webhook receivers at {@code /alerts/{to}} that keep what each request brings, in order, and the
   * key shared with them, in {@code key}.
   */
  private record Hooks(List<byte[]> bodies, List<String> signatures, List<String> paths, Path key) {
    private static final String SECRET = "a key shared with the receiver";

    static Hooks in(Path dir) throws java.io.IOException {
      Path key = dir.resolve("webhook.key");
      Files.writeString(key, SECRET + "\n", StandardCharsets.UTF_8);
      return new Hooks(
          java.util.Collections.synchronizedList(new java.util.ArrayList<>()),
          java.util.Collections.synchronizedList(new java.util.ArrayList<>()),
          java.util.Collections.synchronizedList(new java.util.ArrayList<>()),
          key);
    }

    /** The receivers on {@code port} (0: any). */
    io.javalin.Javalin start(int port) {
      return io.javalin.Javalin.create(
              c ->
                  c.routes.post(
                      "/alerts/{to}",
                      ctx -> {
                        signatures.add(ctx.header("X-TruceWatch-Signature"));
                        bodies.add(ctx.bodyAsBytes());
                        paths.add(ctx.pathParam("to"));
                      }))
          .start("127.0.0.1", port);
    }

    /** The URL of the receivers of {@code app}, to which a name is added. */
    static String url(io.javalin.Javalin app) {
      return "http://127.0.0.1:" + app.port() + "/alerts/";
    }

    /** The signature of the {@code k}th body under the key, as the header carries it. */
    String signatureOf(int k) throws java.security.GeneralSecurityException {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(bodies.get(k)));
    }
  }

  /**
   * {@code alerts test} sends one test alert to each receiver the alert options name, signed, and
   * says which took it; no store is opened.
   */
  @Test
  void alertsTestSendsEachReceiverOneTestAlertAndSaysWhichTookIt(@TempDir Path dir)
      throws Exception {
    Hooks hooks = Hooks.in(dir);
    io.javalin.Javalin receiver = hooks.start(0);
    String hook = Hooks.url(receiver);
    try {
      CliTest.Run ok =
          CliTest.run(
              "alerts",
              "test",
              "--webhook",
              hook + "nl",
              "--webhook",
              hook + "east#sector=east",
              "--webhook-secret-file",
              hooks.key().toString(),
              "--cap-push",
              hook + "hub",
              "--terms",
              DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString());
      assertThat(ok.code()).as(ok.err()).isZero();
      assertThat(ok.out().lines())
          .containsExactly(
              "channel\treceiver\tresult",
              "cap\t" + hook + "hub\ttaken",
              "webhook\t" + hook + "nl\ttaken",
              "webhook\t" + hook + "east#sector=east\ttaken");
      assertThat(hooks.paths()).containsExactly("hub", "nl", "east");
      assertThat(new String(hooks.bodies().get(0), StandardCharsets.UTF_8))
          .contains("<status>Test</status>")
          .contains("<sender>urn:trucewatch:");
      JsonNode east = JSON.readTree(hooks.bodies().get(2));
      assertThat(east.path("event").asText()).isEqualTo("test");
      assertThat(east.path("text").asText()).endsWith("the alerts of sector east only.");
      assertThat(hooks.signatures().get(2)).isEqualTo(hooks.signatureOf(2));
    } finally {
      receiver.stop();
    }
    // the receiver stopped: the test says so, exit code 1
    CliTest.Run down = CliTest.run("alerts", "test", "--webhook", hook + "nl");
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.out())
        .contains("webhook\t" + hook + "nl\tnot taken: java.net.ConnectException");
    assertThat(down.err()).contains("error: 1 receiver did not take the test alert");
    // without a receiver it is bad usage
    CliTest.Run none = CliTest.run("alerts", "test");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err())
        .contains("alerts test needs --webhook URL, --mail-to ADDRESS or --cap-push URL");
    CliTest.Run sender = CliTest.run("alerts", "test", "--cap-push", hook + "hub");
    assertThat(sender.code()).isEqualTo(2);
    assertThat(sender.err())
        .contains("--cap-push needs --terms FILE, whose truce sends the messages");
  }

  @Test
  void serveSendsASignedAlertToItsWebhookWhenAnIngestStatesDaysFigures(@TempDir Path dir)
      throws Exception {
    String db = dir.resolve("store").toString();
    CliTest.Run t = CliTest.run("token", "create", "liaison-nl", "--db", db);
    assertThat(t.code()).as(t.err()).isZero();
    String token = t.out().trim();
    Hooks hooks = Hooks.in(dir);
    io.javalin.Javalin receiver = hooks.start(0);
    String hook = Hooks.url(receiver);
    String terms = DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString();
    try (Serving s =
        new Serving(
            "serve",
            "--db",
            db,
            "--terms",
            terms,
            "--port",
            "0",
            "--webhook",
            hook + "nl",
            "--webhook",
            hook + "fr",
            "--webhook-secret-file",
            hooks.key().toString())) {
      assertThat(s.out.toString())
          .contains("alerts to:       " + hook + "nl, " + hook + "fr (signed)");
      // terms without observations: nothing is assessed, nothing sent
      assertThat(hooks.bodies()).isEmpty();
      Path day = FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz");
      assertThat(post(s.base + "/api/v1/ingest?name=" + day.getFileName(), token, day))
          .isEqualTo(200);
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (hooks.bodies().size() < 2 && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      // one alert to each webhook, the same
      assertThat(hooks.paths()).containsExactlyInAnyOrder("nl", "fr");
      assertThat(hooks.bodies().get(1)).isEqualTo(hooks.bodies().get(0));
      JsonNode alert = JSON.readTree(hooks.bodies().get(0));
      assertThat(alert.path("event").asText()).isEqualTo("day-figures-stated");
      assertThat(alert.path("days")).isNotEmpty();
      // what the alert says of a day is what the API says of it now
      JsonNode d = alert.path("days").get(0);
      JsonNode api = get(s.base + d.at("/links/json").asText());
      assertThat(d.at("/figures/detections").asInt()).isEqualTo(api.path("detections").asInt());
      assertThat(hooks.signatures().get(0)).isEqualTo(hooks.signatureOf(0));
      // ingest from the command line (the server stopped: one process at a time on H2) alerts
      // too, and has delivered its alert when it exits
    }
    try {
      Path next = FIRMS.resolve("SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025226.txt.csv.gz");
      CliTest.Run in =
          CliTest.run("ingest", "--db", db, "--webhook", hook + "cli", next.toString());
      assertThat(in.code()).as(in.err()).isZero();
      assertThat(hooks.paths()).hasSize(3).last().isEqualTo("cli");
      JsonNode alert = JSON.readTree(hooks.bodies().get(2));
      assertThat(alert.path("text").asText()).contains("figures revised for ");
      assertThat(hooks.signatures().get(2)).isNull();
      assertThat(in.err()).doesNotContain("warning");
    } finally {
      receiver.stop();
    }
    // a receiver that is not there: the files are stored, the command says the alert waits
    Path third = FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025227.txt.csv.gz");
    CliTest.Run lost =
        CliTest.run("ingest", "--db", db, "--webhook", hook + "gone", third.toString());
    assertThat(lost.code()).as(lost.err()).isZero();
    assertThat(JSON.readTree(lost.out()).path("status").asText()).isEqualTo("ingested");
    assertThat(lost.err())
        .contains(
            "warning: 1 alert was not yet delivered to "
                + hook
                + "gone; the files are stored, and the next serve or ingest with the same"
                + " receiver gives them");
    // the receiver back: the next ingest that names it gives it that alert, though the file it
    // takes in (the same again) states nothing new
    io.javalin.Javalin back = hooks.start(URI.create(hook).getPort());
    try {
      CliTest.Run again =
          CliTest.run("ingest", "--db", db, "--webhook", hook + "gone", third.toString());
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.err()).doesNotContain("warning");
      assertThat(hooks.paths()).hasSize(4).last().isEqualTo("gone");
      // the alert of the third file's ingest, after the second's
      assertThat(JSON.readTree(hooks.bodies().get(3)).path("last_ingest_id").asLong())
          .isGreaterThan(JSON.readTree(hooks.bodies().get(2)).path("last_ingest_id").asLong());
      CliTest.Run list = CliTest.run("alerts", "list", "--db", db);
      assertThat(list.out().lines())
          .anySatisfy(l -> assertThat(l).startsWith("webhook\t" + hook + "gone\t3\t0\t\t"));
    } finally {
      back.stop();
    }
    // a secret file without a key is refused, naming the file
    Path empty = dir.resolve("empty.key");
    Files.writeString(empty, "\n", StandardCharsets.UTF_8);
    CliTest.Run r =
        CliTest.run(
            "serve",
            "--db",
            db,
            "--port",
            "0",
            "--webhook",
            hook,
            "--webhook-secret-file",
            empty.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + empty
                + ": is empty; the webhook secret file holds the key"
                + System.lineSeparator());
  }

  /**
   * {@code ingest} mails its alerts through an SMTP server (GreenMail, a real one), to each address
   * with links under the public URL, and refuses a user without a password.
   */
  @Test
  void ingestMailsItsAlertsToEachAddress(@TempDir Path dir) throws Exception {
    com.icegreen.greenmail.util.GreenMail smtp =
        new com.icegreen.greenmail.util.GreenMail(
            new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    smtp.start();
    try {
      String db = dir.resolve("db").toString();
      String url = "smtp://127.0.0.1:" + smtp.getSmtp().getPort();
      Path day = FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz");
      CliTest.Run in =
          CliTest.run(
              "ingest",
              "--db",
              db,
              "--terms",
              DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString(),
              "--smtp",
              url,
              "--mail-from",
              "Truce Watch <alerts@mission.example>",
              "--mail-to",
              "liaison-nl@example.org",
              "--mail-to",
              "liaison-fr@example.org",
              // the receivers of one area: the day before the truce states Donetsk Oblast's
              // counts, and nothing outside the sectors (the demo terms have none)
              "--mail-to",
              "liaison-de@example.org#sector=none",
              "--mail-to",
              "liaison-pl@example.org#oblast=UA-14",
              "--public-url",
              "https://truce.example.org/",
              day.toString());
      assertThat(in.code()).as(in.err()).isZero();
      assertThat(in.err()).doesNotContain("warning");
      Map<String, jakarta.mail.internet.MimeMessage> got = new java.util.TreeMap<>();
      for (jakarta.mail.internet.MimeMessage m : smtp.getReceivedMessages()) {
        got.put(m.getAllRecipients()[0].toString(), m);
      }
      assertThat(got.keySet())
          .containsExactly(
              "liaison-fr@example.org", "liaison-nl@example.org", "liaison-pl@example.org");
      assertThat(got.get("liaison-nl@example.org").getSubject())
          .startsWith("Truce Watch: figures stated for the first time");
      assertThat((String) got.get("liaison-nl@example.org").getContent())
          .contains("Truce Watch stated the figures of ")
          .contains("https://truce.example.org/reports/days/2025-08-14.html");
      assertThat(got.get("liaison-pl@example.org").getSubject())
          .isEqualTo(
              "Truce Watch, oblast UA-14: figures stated for the first time for 2025-08-14,"
                  + " 2025-08-15");
      assertThat((String) got.get("liaison-pl@example.org").getContent())
          .contains("  in Donetsk Oblast        detections ")
          .contains("https://truce.example.org/reports/days/2025-08-14.html");
      // the receiver outside the sectors passed the statement over; each has a place of its own
      CliTest.Run list = CliTest.run("alerts", "list", "--db", db);
      // channel, receiver, place, behind, given_by (none: the ingest has let go), not when
      assertThat(list.out().lines().skip(1).map(l -> l.substring(0, l.lastIndexOf('\t'))))
          .containsExactlyInAnyOrder(
              "email\tliaison-nl@example.org\t1\t0\t",
              "email\tliaison-fr@example.org\t1\t0\t",
              "email\tliaison-de@example.org#sector=none\t1\t0\t",
              "email\tliaison-pl@example.org#oblast=UA-14\t1\t0\t");
      CliTest.Run forget =
          CliTest.run("alerts", "forget", "liaison-pl@example.org#oblast=UA-14", "--db", db);
      assertThat(forget.out())
          .contains("the place of liaison-pl@example.org#oblast=UA-14 is forgotten (email)");
      CliTest.Run bad =
          CliTest.run("alerts", "forget", "liaison-pl@example.org#region=x", "--db", db);
      assertThat(bad.code()).isEqualTo(2);
      assertThat(bad.err())
          .contains(
              "RECEIVER must be an http(s) URL or an e-mail address, either of which may end with"
                  + " #sector=ID, #oblast=CODE or both, was liaison-pl@example.org#region=x");

      // a user without the password in the environment: refused before any file is read
      CliTest.Run user =
          CliTest.run(
              "ingest",
              "--db",
              db,
              "--smtp",
              "smtp://alerts@127.0.0.1:" + smtp.getSmtp().getPort(),
              "--mail-from",
              "alerts@mission.example",
              "--mail-to",
              "ops@example.org",
              day.toString());
      assertThat(user.code()).isEqualTo(1);
      assertThat(user.err())
          .isEqualTo(
              "error: --smtp names the user alerts; give the password in the environment variable"
                  + " TRUCEWATCH_SMTP_PASSWORD"
                  + System.lineSeparator());
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aStoreThatCannotBeOpenedIsOneLineAndExitCode1(@TempDir Path dir) {
    CliTest.Run r =
        CliTest.run("serve", "--db", "postgresql://nobody:secret@127.0.0.1:1/none", "--port", "0");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("error: postgresql://127.0.0.1:1/none: the store cannot be opened: ")
        .doesNotContain("secret");
    assertThat(r.err().lines()).hasSize(1);
    CliTest.Run host = CliTest.run("token", "list", "--db", "postgresql://no-such-host.invalid/x");
    assertThat(host.err())
        .isEqualTo(
            "error: postgresql://no-such-host.invalid:5432/x: the store cannot be opened: unknown host"
                + " no-such-host.invalid"
                + System.lineSeparator());
    // options that cannot work are refused as usage, before the store is opened
    for (String[] args :
        List.of(
            new String[] {"serve", "--db", "never-opened", "--port", "99999"},
            new String[] {"demo", "--serve", "--port", "-1"},
            new String[] {"serve", "--db", "never-opened", "--tiles", "tiles.example.org"},
            new String[] {"serve", "--db", "never-opened", "--cors-origin", "example.org"},
            new String[] {
              "serve", "--db", "never-opened", "--cors-origin", "https://example.org/map"
            },
            new String[] {"serve", "--db", "never-opened", "--webhook", "ftp://example.org/x"},
            new String[] {"serve", "--db", "never-opened", "--webhook", "alerts.example.org"},
            new String[] {"serve", "--db", "never-opened", "--webhook-secret-file", "key"},
            new String[] {"serve", "--db", "never-opened", "--mail-to", "ops@example.org"},
            new String[] {"serve", "--db", "never-opened", "--mail-to", "ops at example.org"},
            new String[] {"serve", "--db", "never-opened", "--smtp", "smtp://mail.example.org"},
            new String[] {"serve", "--db", "never-opened", "--smtp", "http://mail.example.org"},
            new String[] {"serve", "--db", "never-opened", "--access-log-days", "0"},
            new String[] {"serve", "--db", "never-opened", "--trusted-proxy", "proxy.example.org"},
            new String[] {
              "demo", "--serve", "--trusted-proxy", "none", "--trusted-proxy", "10.0.0.1"
            },
            new String[] {
              "ingest", "--db", "never-opened", "--mail-to", "ops@example.org", "--public-url", "x"
            })) {
      CliTest.Run u = CliTest.run(args);
      assertThat(u.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(u.err()).startsWith("error: --").doesNotContain("Exception");
    }
    // an access log that cannot be written stops serve before the store is opened
    Path unwritable = dir.resolve("no-such-folder").resolve("access.log");
    CliTest.Run unlogged =
        CliTest.run(
            "serve",
            "--db",
            dir.resolve("store").toString(),
            "--access-log",
            unwritable.toString());
    assertThat(unlogged.code()).isEqualTo(1);
    assertThat(unlogged.err())
        .isEqualTo(
            "error: --access-log "
                + unwritable
                + ": cannot be written: the folder "
                + unwritable.getParent()
                + " does not exist"
                + System.lineSeparator());
    assertThat(dir.resolve("store")).doesNotExist();
    CliTest.Run name = CliTest.run("token", "create", "liaison fr", "--db", "never-opened");
    assertThat(name.code()).isEqualTo(2);
    assertThat(name.err())
        .startsWith("error: token name must be 1-100 letters, digits or . _ @ -, was liaison fr");
    CliTest.Run analyst =
        CliTest.run(
            "token",
            "create",
            "analyst-de",
            "--scope",
            "review",
            "--member",
            "DE",
            "--db",
            "never-opened");
    assertThat(analyst.code()).isEqualTo(2);
    assertThat(analyst.err())
        .startsWith(
            "error: --member: a review token is the mission's analysts', not a member state's");
    CliTest.Run own = CliTest.run("token", "create", "firms-api", "--db", "never-opened");
    assertThat(own.code()).isEqualTo(2);
    assertThat(own.err())
        .startsWith(
            "error: token name firms-api is the name under which the store records the ingests of"
                + " FIRMS's area API; choose another");
    assertThat(Path.of("never-opened")).doesNotExist();
    // an address that is not this machine's: the operating system's reason, not "port in use"
    CliTest.Run away =
        CliTest.run(
            "serve", "--db", dir.resolve("db").toString(), "--host", "192.0.2.1", "--port", "0");
    assertThat(away.code()).isEqualTo(1);
    assertThat(away.err())
        .contains("error: cannot serve on 192.0.2.1:0: ")
        .doesNotContain("in use");
    // a host name that does not resolve (.invalid never does, RFC 6761)
    CliTest.Run nowhere =
        CliTest.run(
            "serve",
            "--db",
            dir.resolve("db").toString(),
            "--host",
            "nowhere.invalid",
            "--port",
            "0");
    assertThat(nowhere.code()).isEqualTo(1);
    assertThat(nowhere.err())
        .contains("error: cannot serve on nowhere.invalid:0: the host name does not resolve")
        .doesNotContain("in use");
    CliTest.Run bad = CliTest.run("token", "create", "x", "--db", "mysql://somewhere/db");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("postgresql:// URL");
  }
}
