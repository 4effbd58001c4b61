package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * The forwarding headers of a request ({@code X-Forwarded-Proto}, {@code -Host}, {@code -For},
 * {@code Forwarded}) say how the reader made it only when a trusted proxy sent it: by default one
 * on this machine; from any other peer they are what a reader claims, and are ignored.
 */
class TrustedProxiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one request that claims to come through a TLS proxy for 203.0.113.7 was answered. */
  record Seen(List<String> links, String cookie, String client) {}

  /**
   * Serves with {@code options}, reads the OGC API's landing page and signs a browser in, each
   * request claiming a proxy's headers, and says which links, cookie and logged client came back.
   */
  private static Seen claimingAProxy(
      Monitor monitor, String token, Path file, Server.Options options) throws Exception {
    AccessLog log = AccessLog.open(file, AccessLog.RETAIN_DAYS);
    try (Server server = Server.start(monitor, options.withAccessLog(log))) {
      String base = "http://127.0.0.1:" + server.port();
      String[] claims = {
        "X-Forwarded-Proto", "https",
        "X-Forwarded-Host", "mission.example.org",
        "X-Forwarded-For", "203.0.113.7"
      };
      HttpResponse<String> landing =
          Fixture.HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/ogc"))
                  .header("Accept", "application/json")
                  .headers(claims)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
      List<String> links = JSON.readTree(landing.body()).path("links").findValuesAsText("href");
      assertThat(links).isNotEmpty();
      HttpResponse<String> in =
          Fixture.HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/signin"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .headers(claims)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(in.statusCode()).isEqualTo(303);
      List<AccessLogTest.Line> lines = AccessLogTest.awaitLines(file, 2);
      assertThat(lines).extracting(AccessLogTest.Line::client).containsOnly(lines.get(0).client());
      return new Seen(
          links.stream().map(l -> l.replace(base, "SERVER")).toList(),
          in.headers().firstValue("Set-Cookie").orElseThrow(),
          lines.get(0).client());
    } finally {
      log.close();
    }
  }

  @Test
  void aProxyOnThisMachineIsTrustedByDefault(@TempDir Path tmp) throws Exception {
    Server.Options options = new Server.Options("127.0.0.1", 0, "", "");
    assertThat(options.trustedProxies()).containsExactly("127.0.0.0/8", "::1");
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 1);
      String token = store.createToken("liaison-fr", TokenScope.READ, "FR");
      List<Server.Options> trusting =
          List.of(options, options.withTrustedProxies(List.of("127.0.0.1/32")));
      for (int i = 0; i < trusting.size(); i++) {
        Seen seen = claimingAProxy(monitor, token, tmp.resolve(i + ".log"), trusting.get(i));
        assertThat(seen.links())
            .allSatisfy(l -> assertThat(l).startsWith("https://mission.example.org/"));
        assertThat(seen.cookie()).endsWith("; Secure");
        assertThat(seen.client()).isEqualTo("203.0.113.7");
      }
    }
  }

  @Test
  void fromAPeerNotTrustedTheHeadersAreWhatAReaderClaimsAndAreIgnored(@TempDir Path tmp)
      throws Exception {
    Server.Options options = new Server.Options("127.0.0.1", 0, "", "");
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 1);
      String token = store.createToken("liaison-fr", TokenScope.READ, "FR");
      // the requests come from 127.0.0.1, which these do not name
      List<List<String>> proxies = List.of(List.of("192.0.2.10", "10.0.0.0/8"), List.of("none"));
      for (int i = 0; i < proxies.size(); i++) {
        Seen seen =
            claimingAProxy(
                monitor,
                token,
                tmp.resolve(i + ".log"),
                options.withTrustedProxies(proxies.get(i)));
        assertThat(seen.links()).allSatisfy(l -> assertThat(l).startsWith("SERVER/"));
        assertThat(seen.cookie()).doesNotContain("Secure");
        assertThat(seen.client()).isEqualTo("127.0.0.1");
      }
    }
  }

  @Test
  void theReaderIsTheFirstAddressFromTheRightThatIsNotATrustedProxy(@TempDir Path tmp)
      throws Exception {
    TrustedProxies chain = new TrustedProxies(List.of("127.0.0.0/8", "10.0.0.0/8"));
    // a proxy that appends what it saw to what the reader sent: the claim stands to the left
    assertThat(chain.reader(List.of("198.51.100.1", "203.0.113.7"))).isEqualTo("203.0.113.7");
    // a chain of trusted proxies before the server
    assertThat(chain.reader(List.of("198.51.100.1", "203.0.113.7", "10.0.0.5", "127.0.0.1")))
        .isEqualTo("203.0.113.7");
    assertThat(chain.reader(List.of(" 203.0.113.7:5555 ", "10.0.0.5")))
        .isEqualTo("203.0.113.7:5555");
    assertThat(chain.reader(List.of("[2001:db8::7]:443", "10.0.0.5")))
        .isEqualTo("[2001:db8::7]:443");
    assertThat(chain.reader(List.of("10.0.0.4", "unknown", "10.0.0.5"))).isEqualTo("unknown");
    // every address a trusted proxy's: the leftmost; none: none
    assertThat(chain.reader(List.of("10.0.0.4", "10.0.0.5"))).isEqualTo("10.0.0.4");
    assertThat(chain.reader(List.of())).isNull();

    // through the server: the access log names the reader that the trusted proxy saw
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 1);
      Path file = tmp.resolve("access.log");
      AccessLog log = AccessLog.open(file, AccessLog.RETAIN_DAYS);
      try (Server server =
          Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withAccessLog(log))) {
        HttpResponse<String> r =
            Fixture.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .header("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(AccessLogTest.awaitLines(file, 1).get(0).client()).isEqualTo("203.0.113.7");
      } finally {
        log.close();
      }
    }
  }

  @Test
  void aProxyIsNamedByAnAddressOrABlockAndNeverByAHostName() {
    assertThat(
            TrustedProxies.of(
                List.of("192.0.2.10", "10.0.0.0/8", "::1", "2001:db8::/32", "0.0.0.0/0")))
        .hasSize(5);
    assertThat(TrustedProxies.of(List.of("none"))).isEmpty();
    assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.example.org")))
        .hasMessage(
            "must be an IP address or a block such as 10.0.0.0/8, or none alone, was"
                + " proxy.example.org");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("300.1.2.3")))
        .hasMessageEndingWith("was 300.1.2.3");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .hasMessage("a block's prefix must be 0 to 32 bits, was 10.0.0.0/33");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("2001:db8::/129")))
        .hasMessage("a block's prefix must be 0 to 128 bits, was 2001:db8::/129");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("2001:db8:::zz")))
        .hasMessageEndingWith("was 2001:db8:::zz");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("2001:db8:::1")))
        .hasMessage("is not an IP address or block: 2001:db8:::1");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("none", "10.0.0.1")))
        .hasMessage("none trusts no proxy and goes alone, was given with [none, 10.0.0.1]");
    assertThatThrownBy(
            () -> new Server.Options("127.0.0.1", 0, "", "").withTrustedProxies(List.of("proxy")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
