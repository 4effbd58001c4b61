package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;

/** {@code /health} says whether the store answers, with the status a service monitor reads. */
class HealthTest {
  @Test
  void aStoreThatNoLongerAnswersIs503NotAStackTrace(@TempDir Path tmp) throws Exception {
    Store store = Store.open(tmp.resolve("db").toString());
    Monitor monitor = new Monitor(store, Fixture.regions(), Fixture.classifier());
    try (Server server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> up = Fixture.get(base + "/health");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(up.body()).path("status").asText()).isEqualTo("ok");

      store.close(); // the database has gone away

      HttpResponse<String> down = Fixture.get(base + "/health");
      assertThat(down.statusCode()).isEqualTo(503);
      JsonNode n = new ObjectMapper().readTree(down.body());
      assertThat(n.path("status").asText()).isEqualTo("unavailable");
      assertThat(n.path("database").asText()).isEqualTo("h2");
      assertThat(down.body()).doesNotContain("Exception", "\tat ");
    }
  }
}
