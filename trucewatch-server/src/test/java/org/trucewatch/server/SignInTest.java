package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * A browser's sign-in with the form and its sign-out, over HTTP: the token is kept in a cookie that
 * admits reads only, a private server sends a browser opening a page to the form, and signing out
 * drops the cookie.
 */
class SignInTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return Fixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder get(String url, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    return cookie == null ? b : b.header("Cookie", cookie);
  }

  /** The form posted as a browser posts it, with the headers {@code headers} (name, value, …). */
  private static HttpResponse<String> signIn(
      String base, String token, String next, String... headers) throws Exception {
    String form =
        "token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8)
            + "&next="
            + URLEncoder.encode(next, StandardCharsets.UTF_8);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/signin"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    return send(headers.length == 0 ? b : b.headers(headers));
  }

  /** The cookie a response sets, as the browser sends it back. */
  private static String cookie(HttpResponse<String> r) {
    String set = r.headers().firstValue("Set-Cookie").orElseThrow();
    return set.substring(0, set.indexOf(';'));
  }

  @Test
  void aTokenTypedIntoTheFormIsKeptInACookieThatAdmitsReadsOnlyUntilSignOut(@TempDir Path tmp)
      throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 2);
      String liaison = store.createToken("liaison-fr", TokenScope.READ, "FR");
      String ingest = store.createToken("firms-fetch");
      try (Server server =
          Server.start(
              monitor, new Server.Options("127.0.0.1", 0, "", "").withPrivateReads(true))) {
        String base = "http://127.0.0.1:" + server.port();
        // a browser opening a page is sent to the form, which returns to that page
        HttpResponse<String> opened =
            send(get(base + "/reports/report.html", null).header("Sec-Fetch-Mode", "navigate"));
        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(opened.headers().firstValue("Location"))
            .hasValue("/signin?next=%2Freports%2Freport.html");
        // a client that is not a browser opening a page is still asked for the token (Basic)
        HttpResponse<String> api = send(get(base + "/api/v1/map", null));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate"))
            .get()
            .asString()
            .startsWith("Basic");
        HttpResponse<String> form = send(get(base + "/signin?next=/reports/report.html", null));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body())
            .contains("<form method=\"post\" action=\"/signin\">")
            .contains("name=\"next\" value=\"/reports/report.html\"")
            .contains("This server answers holders of an API token only.")
            .doesNotContain("Demonstration");

        // a form posted from another site's page signs nobody in
        HttpResponse<String> csrf = signIn(base, liaison, "/", "Sec-Fetch-Site", "cross-site");
        assertThat(csrf.statusCode()).isEqualTo(403);
        assertThat(csrf.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(JSON.readTree(csrf.body()).path("message").asText())
            .isEqualTo("sign in on this server's own page /signin, was cross-site");
        // a wrong token: the form again, and no cookie
        HttpResponse<String> wrong = signIn(base, liaison + "x", "/");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("That token is not known, or was revoked.");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> in = signIn(base, liaison, "/reports/report.html");
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location")).hasValue("/reports/report.html");
        assertThat(in.headers().firstValue("Set-Cookie"))
            .hasValue("trucewatch_token=" + liaison + "; Path=/; HttpOnly; SameSite=Strict");
        String cookie = cookie(in);
        assertThat(send(get(base + "/reports/report.html", cookie)).body())
            .contains("Demonstration truce");
        JsonNode reader = JSON.readTree(send(get(base + "/api/v1/reader", cookie)).body());
        assertThat(reader.path("signed_in").asBoolean()).isTrue();
        assertThat(reader.path("name").asText()).isEqualTo("liaison-fr");
        assertThat(reader.path("member").asText()).isEqualTo("FR");
        // signed in already: the form goes straight on
        assertThat(send(get(base + "/signin", cookie)).headers().firstValue("Location"))
            .hasValue("/");
        // only a path on this server is gone on to
        for (String elsewhere : java.util.List.of("https://evil.example/", "//evil.example/")) {
          assertThat(signIn(base, liaison, elsewhere).headers().firstValue("Location"))
              .hasValue("/");
        }

        // the cookie never admits a post: another page cannot ingest with it, even an ingest
        // token's
        String ingestCookie = cookie(signIn(base, ingest, "/"));
        HttpResponse<String> posted =
            send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest?name=x.csv"))
                    .header("Cookie", ingestCookie)
                    .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(posted.statusCode()).isEqualTo(401);

        // signing out drops the cookie and says so
        HttpResponse<String> out = send(get(base + "/signout", cookie));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/signin?signed-out");
        assertThat(out.headers().firstValue("Set-Cookie"))
            .hasValue("trucewatch_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        assertThat(send(get(base + "/signin?signed-out", null)).body()).contains("Signed out.");

        // a token revoked while signed in: the page sends the browser to the form, dropping it
        store.revokeToken("liaison-fr");
        HttpResponse<String> revoked =
            send(get(base + "/", cookie).header("Sec-Fetch-Mode", "navigate"));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
      }
      // behind HTTPS (a proxy that says so), the cookie is sent over HTTPS only
      try (Server open = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + open.port();
        String token = store.createToken("liaison-de", TokenScope.READ, "DE");
        HttpResponse<String> secure = signIn(base, token, "/", "X-Forwarded-Proto", "https");
        assertThat(secure.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; Secure");
        // on an open server a reader without a token reads as the public; a revoked token's
        // cookie as the public too, and is dropped
        assertThat(
                JSON.readTree(send(get(base + "/api/v1/reader", null)).body())
                    .path("signed_in")
                    .asBoolean())
            .isFalse();
        String cookie = cookie(secure);
        store.revokeToken("liaison-de");
        HttpResponse<String> reports =
            send(get(base + "/api/v1/surveillance-reports?limit=1", cookie));
        assertThat(reports.statusCode()).isEqualTo(200);
        assertThat(reports.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(send(get(base + "/signin", null)).body())
            .contains("without a token, those released to the public");
      }
    }
  }
}
