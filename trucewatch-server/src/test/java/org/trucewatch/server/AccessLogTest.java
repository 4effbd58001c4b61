package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * The access log ({@code serve --access-log}): a line in the Combined Log Format for each request
 * answered, naming the holder of the token it presented (by a header, as a password or in a
 * browser's cookie) and never the token, the client the proxy names, the status, the bytes sent and
 * the milliseconds taken.
 */
class AccessLogTest {
  /** A line: client, user, time, request, status, bytes, referrer, user agent, milliseconds. */
  private static final Pattern LINE =
      Pattern.compile(
          "(\\S+) - (\\S+) \\[(\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000)\\] \"([^\"]*)\""
              + " (\\d{3}) (\\d+) \"([^\"]*)\" \"([^\"]*)\" (\\d+)");

  record Line(
      String client,
      String user,
      String request,
      int status,
      long bytes,
      String referrer,
      String agent) {}

  /** The lines of the log, each checked against the format. */
  static List<Line> lines(Path file) throws Exception {
    List<Line> lines = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher m = LINE.matcher(l);
      assertThat(m.matches()).as(l).isTrue();
      lines.add(
          new Line(
              m.group(1),
              m.group(2),
              m.group(4),
              Integer.parseInt(m.group(5)),
              Long.parseLong(m.group(6)),
              m.group(7),
              m.group(8)));
    }
    return lines;
  }

  /**
   * The log's lines once it holds {@code n}: Jetty writes a line once the answer is sent, which the
   * client may see first.
   */
  static List<Line> awaitLines(Path file, int n) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).size() >= n) {
        return lines(file);
      }
      Thread.sleep(25);
    }
    throw new AssertionError(
        "the access log " + file + " did not reach " + n + " lines: " + Files.exists(file));
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return Fixture.HTTP.send(b.header("User-Agent", "access-log-test").build(), ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url));
  }

  @Test
  void eachRequestIsALineNamingTheHolderOfTheTokenItPresentedAndNeverTheToken(@TempDir Path tmp)
      throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 1);
      String analyst = store.createToken("ingest-1");
      String liaison = store.createToken("liaison-de", TokenScope.READ, "DE");
      String revoked = store.createToken("liaison-nl", TokenScope.READ, "NL");
      store.revokeToken("liaison-nl");
      Path file = tmp.resolve("access.log");
      AccessLog log = AccessLog.open(file, AccessLog.RETAIN_DAYS);
      try (Server server =
          Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withAccessLog(log))) {
        String base = "http://127.0.0.1:" + server.port();
        String reports = base + "/api/v1/surveillance-reports";
        // 1. ingest, by the ingest token's holder
        HttpResponse<String> ingested =
            Fixture.post(
                base + "/api/v1/ingest?name=reports.csv",
                analyst,
                AccessRulesServerTest.REPORTS.getBytes(StandardCharsets.UTF_8));
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
        // 2. the reports released to Germany, through the TLS proxy, which names the client
        HttpResponse<String> read =
            send(
                get(reports + "?limit=10")
                    .header("Authorization", "Bearer " + liaison)
                    .header("X-Forwarded-For", "203.0.113.7"));
        assertThat(read.statusCode()).isEqualTo(200);
        // 3. the same, the token as a password; 4. without a token; 5. a revoked token
        send(get(reports).header("Authorization", PrivateServerTest.basic(liaison)));
        send(get(reports));
        assertThat(send(get(reports).header("Authorization", "Bearer " + revoked)).statusCode())
            .isEqualTo(401);
        // 6. a layer that reads the same to everyone, and 7. a file of the map, with the token
        send(get(base + "/api/v1/incidents?limit=1").header("Authorization", "Bearer " + liaison));
        send(
            get(base + "/index.html")
                .header("Authorization", "Bearer " + liaison)
                .header("Referer", base + "/"));
        // 8. a browser signs in with the form, and 9. reads with its cookie
        HttpResponse<String> in =
            send(
                HttpRequest.newBuilder(URI.create(base + "/signin"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "token=" + URLEncoder.encode(liaison, StandardCharsets.UTF_8))));
        assertThat(in.statusCode()).isEqualTo(303);
        String set = in.headers().firstValue("Set-Cookie").orElseThrow();
        send(get(reports).header("Cookie", set.substring(0, set.indexOf(';'))));

        List<Line> lines = awaitLines(file, 9);
        assertThat(lines)
            .extracting(Line::user, Line::request, Line::status)
            .containsExactly(
                tuple("ingest-1", "POST /api/v1/ingest?name=reports.csv HTTP/1.1", 200),
                tuple("liaison-de", "GET /api/v1/surveillance-reports?limit=10 HTTP/1.1", 200),
                tuple("liaison-de", "GET /api/v1/surveillance-reports HTTP/1.1", 200),
                tuple("-", "GET /api/v1/surveillance-reports HTTP/1.1", 200),
                tuple("-", "GET /api/v1/surveillance-reports HTTP/1.1", 401),
                tuple("liaison-de", "GET /api/v1/incidents?limit=1 HTTP/1.1", 200),
                tuple("liaison-de", "GET /index.html HTTP/1.1", 200),
                tuple("liaison-de", "POST /signin HTTP/1.1", 303),
                tuple("liaison-de", "GET /api/v1/surveillance-reports HTTP/1.1", 200));
        assertThat(lines.get(1).client()).isEqualTo("203.0.113.7");
        assertThat(lines.get(0).client()).isEqualTo("127.0.0.1");
        assertThat(lines.get(1).bytes())
            .isEqualTo(read.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(lines.subList(1, lines.size()))
            .allSatisfy(l -> assertThat(l.agent()).isEqualTo("access-log-test"));
        // a referrer not sent is "-", as the format has it
        assertThat(lines)
            .extracting(Line::referrer)
            .containsExactly("-", "-", "-", "-", "-", "-", base + "/", "-", "-");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(liaison).doesNotContain(analyst).doesNotContain(revoked);
      }
    }
  }

  @Test
  void aReferrerOrUserAgentNotSentIsADash() {
    String head = "127.0.0.1 - - [30/Nov/2026:19:00:01 +0000] \"GET /x HTTP/1.1\" 200 5 ";
    assertThat(AccessLog.dashForNone(head + "\"\" \"\" 3")).isEqualTo(head + "\"-\" \"-\" 3");
    assertThat(AccessLog.dashForNone(head + "\"\" \"curl/8\" 3"))
        .isEqualTo(head + "\"-\" \"curl/8\" 3");
    assertThat(AccessLog.dashForNone(head + "\"https://a.example/\" \"\" 3"))
        .isEqualTo(head + "\"https://a.example/\" \"-\" 3");
    // Jetty escapes a quote within a header; "" within one is not a header left out
    String quoted = head + "\"\" \"evil\\\" \\\"\\\"x\" 3";
    assertThat(AccessLog.dashForNone(quoted)).isEqualTo(head + "\"-\" \"evil\\\" \\\"\\\"x\" 3");
    String sent = head + "\"https://a.example/\" \"curl/8\" 3";
    assertThat(AccessLog.dashForNone(sent)).isSameAs(sent);
  }

  private static String dated(LocalDate day) {
    return "access-" + day.toString().replace('-', '_') + ".log";
  }

  @Test
  void aNameWithTheDayMakesAFileADayAndAPrivateServerLogsWhatItRefuses(@TempDir Path tmp)
      throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 1);
      String reader = store.createToken("liaison-fr", TokenScope.READ, "FR");
      AccessLog log = AccessLog.open(tmp.resolve("access-" + AccessLog.DAILY + ".log"), 30);
      assertThat(log.describe()).endsWith("(a file a day, UTC; the newest 30 kept)");
      try (Server server =
          Server.start(
              monitor,
              new Server.Options("127.0.0.1", 0, "", "")
                  .withPrivateReads(true)
                  .withAccessLog(log))) {
        String base = "http://127.0.0.1:" + server.port();
        assertThat(send(get(base + "/api/v1/map")).statusCode()).isEqualTo(401);
        assertThat(
                send(get(base + "/api/v1/map").header("Authorization", "Bearer " + reader))
                    .statusCode())
            .isEqualTo(200);
        // today's file (UTC; the day may have turned since the requests)
        Path today = log.current();
        assertThat(today.getParent()).isEqualTo(tmp);
        assertThat(today.getFileName().toString())
            .isIn(
                dated(LocalDate.now(Clock.systemUTC())),
                dated(LocalDate.now(Clock.systemUTC()).minusDays(1)));
        assertThat(awaitLines(today, 2))
            .extracting(Line::user, Line::status)
            .containsExactly(tuple("-", 401), tuple("liaison-fr", 200));
      }
      log.close();
    }
  }

  /**
   * A log that cannot be written (here /dev/full, a disk that is full) loses its lines, and the
   * server says so in /health and /metrics, while it answers every request as before.
   */
  @Test
  void aLogThatCannotBeWrittenIsToldInHealthAndMetricsAndTheServerGoesOn(@TempDir Path tmp)
      throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 1);
      AccessLog log = AccessLog.open(Path.of("/dev/full"), AccessLog.RETAIN_DAYS);
      try (Server server =
          Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withAccessLog(log))) {
        String base = "http://127.0.0.1:" + server.port();
        for (int i = 0; i < 3; i++) {
          assertThat(send(get(base + "/api/v1/incidents?limit=1")).statusCode()).isEqualTo(200);
        }
        // Jetty writes each line once its answer is sent: wait for the three
        for (int i = 0; i < 200 && log.status().failures() < 3; i++) {
          Thread.sleep(25);
        }
        com.fasterxml.jackson.databind.JsonNode health =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(send(get(base + "/health")).body());
        assertThat(health.at("/access_log/file").asText()).isEqualTo("/dev/full");
        assertThat(health.at("/access_log/lines").asLong()).isZero();
        assertThat(health.at("/access_log/failures").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(health.at("/access_log/last_error").asText()).contains("No space left");
        assertThat(health.path("warnings").toString())
            .contains("The access log /dev/full could not be written at ")
            .contains("lines lost since the server started): No space left on device");
        assertThat(send(get(base + "/metrics")).body())
            .containsPattern("(?m)^trucewatch_access_log_failures_total [1-9]");
      }
      log.close();
    }
  }
}
