package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * An analyst's review of a finding that alerts named (a violation or probable violation) is told to
 * the receivers of the webhooks and e-mail, as a statement of its own in the log they follow, to
 * those of the finding's area only; a review of another finding, or one refused, tells nothing.
 * Real HTTP receivers and a real SMTP server (GreenMail).
 */
class ReviewAlertsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aReviewOfAFindingThatAlertsNamedIsToldToTheReceiversOfItsArea(@TempDir Path tmp)
      throws Exception {
    GreenMail smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver all = new WebhooksTest.Receiver();
        WebhooksTest.Receiver its = new WebhooksTest.Receiver();
        WebhooksTest.Receiver other = new WebhooksTest.Receiver()) {
      // a camera's explosion in the buffer: a probable violation of C2, alerted before the
      // receivers were named (so that they start at the log's end)
      Monitor m = CapServerTest.explosionInTheBuffer(store, tmp);
      String analyst = store.createToken("analyst-1", TokenScope.REVIEW);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + s.port();
        JsonNode findings =
            JSON.readTree(Fixture.get(base + "/api/v1/findings?limit=10000").body());
        JsonNode probable = null;
        JsonNode possible = null;
        for (JsonNode f : findings.path("items")) {
          String verdict = f.path("verdict").asText();
          if (verdict.equals("probable-violation")) {
            probable = f;
          } else if (!verdict.equals("violation")) {
            possible = f;
          }
        }
        assertThat(probable).isNotNull();
        assertThat(possible).as("a finding alerts did not name").isNotNull();
        String oblast = probable.path("oblast_code").asText();
        assertThat(oblast).isEqualTo("UA-14");
        long before = store.statementLogEnd();

        Webhooks hooks =
            new Webhooks(
                new Webhooks.Settings(
                    List.of(
                        all.url(),
                        URI.create(its.url() + "#oblast=UA-14"),
                        URI.create(other.url() + "#oblast=UA-63")),
                    Optional.of("a shared key")),
                store);
        MailAlerts mail =
            new MailAlerts(
                new MailAlerts.Settings(
                    URI.create("smtp://127.0.0.1:" + smtp.getSmtp().getPort()),
                    Optional.empty(),
                    MailAlerts.address("Truce Watch <alerts@mission.example>"),
                    List.of(
                        MailAlerts.Recipient.of("duty@mission.example"),
                        MailAlerts.Recipient.of("kharkiv@mission.example#oblast=UA-63")),
                    Optional.of(URI.create("https://truce.example/")),
                    List.of(Duration.ofMillis(20)),
                    Duration.ofMinutes(10)),
                store);
        m.listen(hooks);
        m.listen(mail);
        try (hooks;
            mail) {
          // a review of a finding that alerts did not name, and one refused: nothing told
          assertThat(review(base, possible, analyst, "upheld", "Seen on the frames.").statusCode())
              .isEqualTo(201);
          assertThat(review(base, probable, analyst, "maybe", "x").statusCode()).isEqualTo(400);
          assertThat(hooks.awaitIdle(WAIT)).isTrue();
          assertThat(mail.awaitIdle(WAIT)).isTrue();
          assertThat(store.statementLogEnd()).isEqualTo(before);
          assertThat(all.got).isEmpty();
          assertThat(smtp.getReceivedMessages()).isEmpty();

          // a review of the probable violation: one statement, told at once (the long poll
          // above would otherwise keep it for ten minutes)
          HttpResponse<String> made =
              review(base, probable, analyst, "not-upheld", "The camera faced a stubble burn.");
          assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
          assertThat(hooks.awaitIdle(WAIT)).isTrue();
          assertThat(mail.awaitIdle(WAIT)).isTrue();
          assertThat(store.statementLogEnd()).isEqualTo(before + 1);
          assertThat(all.got).hasSize(1);
          assertThat(its.got).hasSize(1);
          assertThat(other.got).isEmpty();

          WebhooksTest.Received got = all.got.get(0);
          assertThat(got.headers().get("event")).isEqualTo("finding-reviewed");
          assertThat(got.headers().get("signature"))
              .isEqualTo("sha256=" + Webhooks.sign("a shared key", got.body()));
          JsonNode alert = got.json();
          assertThat(alert.path("event").asText()).isEqualTo("finding-reviewed");
          assertThat(alert.path("stated").asText())
              .isEqualTo(JSON.readTree(made.body()).path("made").asText());
          assertThat(alert.path("review")).isEqualTo(JSON.readTree(made.body()));
          JsonNode f = alert.path("finding");
          assertThat(f.path("finding_id").asText()).isEqualTo(probable.path("id").asText());
          assertThat(f.path("verdict").asText()).isEqualTo("probable-violation");
          assertThat(f.path("first_time").asText()).isEqualTo("2025-08-17T09:30:00Z");
          assertThat(f.path("report_day").asText()).isEqualTo("2025-08-17");
          assertThat(f.path("oblast_code").asText()).isEqualTo("UA-14");
          assertThat(f.path("latitude").asDouble()).isEqualTo(48.515);
          assertThat(f.path("ground").asText()).isNotEmpty().doesNotContain("_");
          assertThat(f.has("evidence")).isFalse();
          assertThat(alert.path("text").asText())
              .isEqualTo(
                  "Truce Watch: analyst review of a probable violation (clause C2, 2025-08-17, "
                      + probable.path("oblast").asText()
                      + "): not-upheld.");
          // as the receiver of its oblast is given it
          JsonNode cut = its.got.get(0).json();
          assertThat(cut.path("area").path("oblast").asText()).isEqualTo("UA-14");
          assertThat(cut.path("review")).isEqualTo(alert.path("review"));
          assertThat(cut.path("text").asText())
              .startsWith("Truce Watch, oblast UA-14: analyst review of a probable violation");

          // in the log of statements, for readers that take no alerts
          JsonNode log =
              JSON.readTree(Fixture.get(base + "/api/v1/statements?after=" + before).body());
          assertThat(log.path("items")).hasSize(1);
          assertThat(log.at("/items/0/statement")).isEqualTo(alert);
          JsonNode elsewhere =
              JSON.readTree(
                  Fixture.get(base + "/api/v1/statements?oblast=UA-63&after=" + before).body());
          assertThat(elsewhere.at("/items/0/statement").isNull()).isTrue();

          // one e-mail, to the address of every area, none to Kharkiv's
          MimeMessage[] mails = smtp.getReceivedMessages();
          assertThat(mails).hasSize(1);
          assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("duty@mission.example");
          assertThat(mails[0].getHeader("X-TruceWatch-Event")).containsExactly("finding-reviewed");
          assertThat(mails[0].getSubject())
              .isEqualTo(
                  "Truce Watch: analyst review of a probable violation (clause C2, 2025-08-17, "
                      + probable.path("oblast").asText()
                      + "): not-upheld");
          String body = ((String) mails[0].getContent()).replace("\r\n", "\n");
          String href =
              "https://truce.example/api/v1/findings/"
                  + probable.path("id").asText().replace('/', ':');
          assertThat(body)
              .startsWith("An analyst of the mission reviewed a finding")
              .contains("the finding, its verdict and the days' figures stay the method's")
              .containsPattern(
                  "\n  review {19}not-upheld, by analyst-1, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"
                      + " UTC\n")
              .contains("\n  note                     The camera faced a stubble burn.\n")
              .contains(
                  "\n  finding                  probable-violation, clause C2, 2025-08-17 09:30"
                      + " UTC, 48.5150° N 37.2761° E, "
                      + probable.path("oblast").asText())
              .contains(": " + href + "\n")
              .contains("\n  as reviewed              1 evidence row, method ")
              .contains("https://truce.example/reports/days/2025-08-17.html")
              .contains(href + "/reviews");
        }
      }
    } finally {
      smtp.stop();
    }
  }

  private static HttpResponse<String> review(
      String base, JsonNode finding, String token, String status, String note) throws Exception {
    ObjectMapper json = new ObjectMapper();
    String body = json.createObjectNode().put("status", status).put("note", note).toString();
    return Fixture.HTTP.send(
        HttpRequest.newBuilder(
                URI.create(
                    base
                        + "/api/v1/findings/"
                        + finding.path("id").asText().replace('/', ':')
                        + "/reviews"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
