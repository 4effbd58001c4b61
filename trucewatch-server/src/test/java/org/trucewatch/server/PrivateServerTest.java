package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * {@code serve --private}: every answer but {@code /health} needs a token the store knows, of
 * either scope; a read token never ingests, on a private server or an open one.
 */
class PrivateServerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static HttpResponse<String> get(String url, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return Fixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String token) {
    return "Basic "
        + Base64.getEncoder().encodeToString(("anyone:" + token).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPrivateServerAnswersOnlyHoldersOfAToken(@TempDir Path tmp) throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 2);
      String read = store.createToken("liaison-it", TokenScope.READ);
      String ingest = store.createToken("firms-fetch");
      String revoked = store.createToken("liaison-xx", TokenScope.READ);
      store.revokeToken("liaison-xx");
      try (Server server =
          Server.start(
              monitor, new Server.Options("127.0.0.1", 0, "", "").withPrivateReads(true))) {
        String base = "http://127.0.0.1:" + server.port();
        List<String> paths =
            List.of(
                "/",
                "/api/v1",
                "/api/v1/incidents?limit=1",
                "/api/v1/reports",
                "/ogc/collections",
                "/reports/report.html",
                "/reports/feed.atom",
                "/metrics");
        for (String p : paths) {
          HttpResponse<String> none = get(base + p, null);
          assertThat(none.statusCode()).as(p).isEqualTo(401);
          assertThat(none.headers().firstValue("WWW-Authenticate"))
              .as(p)
              .hasValue("Basic realm=\"Truce Watch\", charset=\"UTF-8\"");
          assertThat(JSON.readTree(none.body()).path("code").asText()).isEqualTo("unauthorized");
          assertThat(JSON.readTree(none.body()).path("message").asText())
              .contains("token create NAME --scope read");
          assertThat(none.body()).doesNotContain("Demonstration");
          // a token the store does not know, or has revoked, opens nothing
          for (String wrong : List.of("Bearer " + read + "x", "Bearer " + revoked, basic("x"))) {
            HttpResponse<String> r = get(base + p, wrong);
            assertThat(r.statusCode()).as(p + " " + wrong).isEqualTo(401);
            assertThat(r.body()).contains("not known, has been revoked or has expired");
          }
          // a read token as Bearer, or as a browser's sign-in (Basic, the token as password),
          // and an ingest token, read
          for (String right : List.of("Bearer " + read, basic(read), "Bearer " + ingest)) {
            HttpResponse<String> r = get(base + p, right);
            assertThat(r.statusCode()).as(p + " " + right).isEqualTo(200);
            // for the holder's browser to keep, and no shared cache on the way
            assertThat(r.headers().firstValue("Cache-Control"))
                .as(p)
                .hasValueSatisfying(v -> assertThat(v).startsWith("private"));
          }
        }
        // a service monitor asks /health without a token, and learns that the server is up and
        // nothing of what it holds; a token holder sees the counts
        HttpResponse<String> health = get(base + "/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("ok");
        assertThat(JSON.readTree(health.body()).has("stored")).isFalse();
        assertThat(JSON.readTree(health.body()).has("assessment")).isFalse();
        assertThat(
                JSON.readTree(get(base + "/health", "Bearer " + read).body())
                    .path("stored")
                    .path("incidents")
                    .asLong())
            .isEqualTo(store.counts().get("incidents"));
        assertThat(get(base + "/reports/report.html", "Bearer " + read).body())
            .contains("Demonstration truce");

        // a read token does not ingest; an ingest token does, also as Basic
        Map<String, Long> before = store.counts();
        String name = Fixture.FILES.get(2);
        byte[] body = Files.readAllBytes(Fixture.FIRMS.resolve(name));
        HttpResponse<String> refused =
            Fixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest?name=" + name))
                    .header("Authorization", "Bearer " + read)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("message").asText())
            .isEqualTo(
                "the API token of liaison-it may read, not ingest (trucewatch token create NAME"
                    + " makes an ingest token)");
        assertThat(store.counts()).isEqualTo(before);
        HttpResponse<String> taken =
            Fixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest?name=" + name))
                    .header("Authorization", basic(ingest))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(store.ingests())
            .last()
            .satisfies(i -> assertThat(i.request().tokenName()).isEqualTo("firms-fetch"));
      }
      // an open server (the default) answers anyone, and still takes files from ingest tokens only
      try (Server open = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + open.port();
        assertThat(get(base + "/api/v1/incidents?limit=1", null).statusCode()).isEqualTo(200);
        assertThat(
                Fixture.post(base + "/api/v1/ingest?name=x.csv", read, new byte[] {'x'})
                    .statusCode())
            .isEqualTo(403);
      }
    }
  }
}
