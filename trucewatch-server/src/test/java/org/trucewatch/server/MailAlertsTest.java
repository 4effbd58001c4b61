package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.store.Store;

/**
 * Alerts by e-mail, received by a real SMTP server (GreenMail) that asks for a user and password:
 * each assessment that states a day's figures anew mails each address those days' figures, written
 * from the store's log of statements; a message the server does not take is tried again until it
 * does, also after a restart.
 */
class MailAlertsTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  GreenMail smtp;

  @BeforeEach
  void startSmtp() {
    smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser("alerts@mission.example", "alerts", "s3cret"));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  private URI smtpUrl() {
    return URI.create("smtp://alerts@127.0.0.1:" + smtp.getSmtp().getPort());
  }

  private MailAlerts.Settings settings(String password, URI publicUrl, int retries, String... to) {
    List<MailAlerts.Recipient> addresses = new ArrayList<>();
    for (String a : to) {
      addresses.add(MailAlerts.Recipient.of(a));
    }
    return new MailAlerts.Settings(
        smtpUrl(),
        Optional.of(password),
        MailAlerts.address("Truce Watch <alerts@mission.example>"),
        addresses,
        Optional.ofNullable(publicUrl),
        java.util.Collections.nCopies(retries, Duration.ofMillis(20)),
        Duration.ofMillis(50));
  }

  private static String text(MimeMessage m) throws Exception {
    return ((String) m.getContent()).replace("\r\n", "\n");
  }

  /** The figure a line of the message gives, such as {@code detections 389 (was 120)}. */
  private static String figure(String body, LocalDate day, String name) {
    String block = body.substring(body.indexOf("\n" + day + ", version"));
    Matcher m = Pattern.compile("\n  " + Pattern.quote(name) + " +([^\n]*)").matcher(block);
    assertThat(m.find()).as(day + " " + name).isTrue();
    return m.group(1);
  }

  @Test
  void eachAssessmentThatStatesDaysAnewMailsEachAddressTheirFigures(@TempDir Path tmp)
      throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = new Monitor(store, Fixture.regions(), Fixture.classifier());
      monitor.useTerms(Fixture.TERMS);
      try (Server server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + server.port();
        MailAlerts mail =
            new MailAlerts(
                settings(
                    "s3cret",
                    URI.create(base + "/"),
                    2,
                    "liaison-de@example.org",
                    "Liaison FR <liaison-fr@example.org>"),
                store);
        monitor.listen(mail);
        try (mail) {
          // one satellite's file: every day it covers is stated for the first time
          String first = Fixture.FILES.get(0);
          monitor.ingest(Fixture.FIRMS.resolve(first), first, "test", Store.IngestListener.NONE);
          assertThat(mail.awaitIdle(WAIT)).isTrue();
          MimeMessage[] got = smtp.getReceivedMessages();
          assertThat(got).hasSize(2);
          assertThat(
                  List.of(
                      got[0].getRecipients(Message.RecipientType.TO)[0].toString(),
                      got[1].getRecipients(Message.RecipientType.TO)[0].toString()))
              .containsExactlyInAnyOrder(
                  "liaison-de@example.org", "Liaison FR <liaison-fr@example.org>");
          long termsId = store.assessment().orElseThrow().termsId();
          Map<LocalDate, List<DayRevision>> versions = store.dayRevisions(termsId);
          MimeMessage a = got[0];
          assertThat(a.getFrom()[0].toString()).isEqualTo("Truce Watch <alerts@mission.example>");
          assertThat(a.getSubject())
              .startsWith("Truce Watch: figures stated for the first time for ")
              .contains(versions.keySet().iterator().next().toString())
              .doesNotEndWith(".");
          assertThat(a.getHeader("X-TruceWatch-Event")).containsExactly("day-figures-stated");
          // the same alert to each address has the same id
          assertThat(a.getHeader("X-TruceWatch-Delivery"))
              .hasSize(1)
              .isEqualTo(got[1].getHeader("X-TruceWatch-Delivery"));
          String body = text(a);
          assertThat(body)
              .startsWith("Truce Watch stated the figures of " + versions.size() + " report day")
              .contains("terms demo-truce.yaml, method " + MethodVersion.CURRENT)
              .contains("The war-related count is an inference");
          for (Map.Entry<LocalDate, List<DayRevision>> e : versions.entrySet()) {
            DayRevision r = e.getValue().get(0);
            assertThat(body).contains("\n" + e.getKey() + ", version 1 (first stated)\n");
            assertThat(figure(body, e.getKey(), "detections"))
                .isEqualTo(String.valueOf(r.detections()));
            assertThat(figure(body, e.getKey(), "incidents"))
                .isEqualTo(String.valueOf(r.incidents()));
            assertThat(figure(body, e.getKey(), "coverage")).isEqualTo(r.coverage());
            // the link leads to the day's report on this server
            String link = figure(body, e.getKey(), "daily report").split(" ")[0];
            assertThat(link).isEqualTo(base + "/reports/days/" + e.getKey() + ".html");
            assertThat(Fixture.get(link).statusCode()).isEqualTo(200);
          }

          // the other satellite's file revises the days they share: each says what it was
          String second = Fixture.FILES.get(1);
          monitor.ingest(Fixture.FIRMS.resolve(second), second, "test", Store.IngestListener.NONE);
          assertThat(mail.awaitIdle(WAIT)).isTrue();
          assertThat(smtp.getReceivedMessages()).hasSize(4);
          // the two queues deliver independently: the second alert is the one of another id
          List<MimeMessage> later = new ArrayList<>();
          for (MimeMessage m : smtp.getReceivedMessages()) {
            if (!m.getHeader("X-TruceWatch-Delivery")[0].equals(
                a.getHeader("X-TruceWatch-Delivery")[0])) {
              later.add(m);
            }
          }
          assertThat(later).hasSize(2);
          MimeMessage b = later.get(0);
          assertThat(b.getSubject()).contains("figures revised for ");
          String revised = text(b);
          Map<LocalDate, List<DayRevision>> now = store.dayRevisions(termsId);
          int revisedDays = 0;
          for (Map.Entry<LocalDate, List<DayRevision>> e : now.entrySet()) {
            List<DayRevision> v = e.getValue();
            if (v.size() == 2) {
              revisedDays++;
              assertThat(revised).contains("\n" + e.getKey() + ", version 2 (revised)\n");
              String detections = figure(revised, e.getKey(), "detections");
              assertThat(detections)
                  .isEqualTo(
                      v.get(1).detections()
                          + (v.get(1).detections() == v.get(0).detections()
                              ? ""
                              : " (was " + v.get(0).detections() + ")"));
            }
          }
          assertThat(revisedDays).isPositive();

          // an assessment of the same data states nothing anew: no message
          monitor.refresh();
          assertThat(mail.awaitIdle(WAIT)).isTrue();
          assertThat(smtp.getReceivedMessages()).hasSize(4);
          assertThat(mail.delivered()).isEqualTo(4);
          assertThat(mail.failed()).isZero();
        }
      }
    }
  }

  @Test
  void aMessageTheServerDoesNotTakeIsTriedUntilItDoesAlsoAfterARestart(@TempDir Path tmp)
      throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      // a wrong password: the SMTP server refuses to authenticate, each attempt; the message waits
      MailAlerts wrong = new MailAlerts(settings("wrong", null, 1, "ops@example.org"), store);
      Fixture.stated(
          store, WebhooksTest.stated(java.time.Instant.parse("2025-08-15T06:00:00Z"), 120));
      while (wrong.attempts() < 3) {
        Thread.sleep(10);
      }
      assertThat(wrong.failed()).isZero();
      assertThat(wrong.status())
          .singleElement()
          .satisfies(
              st -> {
                assertThat(st.channel()).isEqualTo("email");
                assertThat(st.receiver()).isEqualTo("ops@example.org");
                assertThat(st.behind()).isEqualTo(1);
                assertThat(st.problem()).contains("AuthenticationFailedException");
              });
      wrong.close();
      assertThat(smtp.getReceivedMessages()).isEmpty();
      // the password mended: the next start sends it, the links the paths on the server
      try (MailAlerts right =
          new MailAlerts(settings("s3cret", null, 1, "ops@example.org"), store)) {
        assertThat(right.awaitIdle(WAIT)).isTrue();
        assertThat(right.delivered()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MimeMessage m = smtp.getReceivedMessages()[0];
        String body = text(m);
        assertThat(m.getSubject())
            .isEqualTo("Truce Watch: figures stated for the first time for 2025-08-16");
        assertThat(m.getSentDate().toInstant())
            .isEqualTo(java.time.Instant.parse("2025-08-15T06:00:00Z"));
        assertThat(figure(body, LocalDate.parse("2025-08-16"), "daily report"))
            .isEqualTo("/reports/days/2025-08-16.html (PDF: /reports/days/2025-08-16.pdf)");
        assertThat(figure(body, LocalDate.parse("2025-08-16"), "findings"))
            .isEqualTo("violation 1");
        assertThat(figure(body, LocalDate.parse("2025-08-16"), "detections")).isEqualTo("120");
      }
    }
  }

  /** What Angus Mail throws when the SMTP server answers {@code code} to a recipient. */
  private static jakarta.mail.SendFailedException recipientRefused(int code, String text) {
    return new jakarta.mail.SendFailedException(
        "Invalid Addresses",
        new org.eclipse.angus.mail.smtp.SMTPAddressFailedException(
            MailAlerts.address("nobody@example.org"), "RCPT TO:<nobody@example.org>", code, text));
  }

  @Test
  void aPermanentRefusalOfTheMessageOrItsAddressPassesItOverAndNothingElseDoes() throws Exception {
    assertThat(MailAlerts.refused(recipientRefused(550, "5.1.1 no such user"))).isTrue();
    assertThat(
            MailAlerts.refused(
                new org.eclipse.angus.mail.smtp.SMTPSendFailedException(
                    "DATA", 554, "5.7.1 refused", null, null, null, null)))
        .isTrue();
    // greylisting, a mailbox full for now, a wrong password, no server: tried again
    assertThat(MailAlerts.refused(recipientRefused(450, "4.2.0 try later"))).isFalse();
    assertThat(MailAlerts.refused(new jakarta.mail.AuthenticationFailedException("535"))).isFalse();
    assertThat(MailAlerts.refused(new jakarta.mail.MessagingException("connection refused")))
        .isFalse();
  }

  @Test
  void aFindingFirstStatedNamesItsSectorInTheMailAndTheWebhook() throws Exception {
    java.time.Instant when = java.time.Instant.parse("2025-08-17T06:00:00Z");
    Monitor.DaysStated figures = WebhooksTest.stated(when, 5);
    LocalDate day = LocalDate.parse("2025-08-16");
    org.trucewatch.assessment.Finding inEast =
        new org.trucewatch.assessment.Finding(
            "I-1/C1",
            "I-1",
            "C1",
            org.trucewatch.assessment.Verdict.VIOLATION,
            "Seen by two sources.",
            List.of(),
            org.trucewatch.geo.Side.OCCUPIED,
            "UA-14",
            "Donetsk Oblast",
            "east",
            "Sector East",
            List.of("buffer-15km"),
            java.time.Instant.parse("2025-08-16T02:10:00Z"),
            48.5,
            37.25);
    Monitor.DaysStated stated =
        new Monitor.DaysStated(
            when,
            figures.methodVersion(),
            figures.terms(),
            figures.lastIngestId(),
            figures.days(),
            new java.util.TreeMap<>(Map.of(day, List.of(inEast))),
            figures.grounds());
    com.fasterxml.jackson.databind.JsonNode alert =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(Statement.json(stated));
    assertThat(MailAlerts.body(alert, Optional.of(URI.create("https://truce.example/"))))
        .contains(
            "    violation, clause C1, 2025-08-16 02:10 UTC, 48.5000° N 37.2500° E, Donetsk"
                + " Oblast (sector: Sector East), ground held by the Russian Federation's armed"
                + " forces, zone buffer-15km:"
                + " https://truce.example/api/v1/findings/I-1:C1\n");
    assertThat(MailAlerts.subject(alert))
        .isEqualTo(
            "Truce Watch: figures stated for the first time for 2025-08-16; findings first"
                + " stated: 1 violation");
    assertThat(alert.at("/days/0/first_stated_findings/0/sector_id").asText()).isEqualTo("east");
    assertThat(alert.at("/days/0/first_stated_findings/0/sector").asText())
        .isEqualTo("Sector East");
    assertThat(alert.at("/days/0/first_stated_findings/0/ground").asText())
        .isEqualTo("ground held by the Russian Federation's armed forces");
  }

  @Test
  void theSettingsDoNotShowThePasswordAndRefuseWhatIsNotSmtp() {
    assertThat(settings("pa55-word", null, 0, "ops@example.org").toString())
        .doesNotContain("pa55-word")
        .contains("password=true");
    for (String bad : List.of("http://mail.example.org", "smtp:/nohost", "mail.example.org")) {
      assertThatThrownBy(() -> MailAlerts.checkSmtp(URI.create(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
    MailAlerts.checkSmtp(URI.create("smtps://alerts@mail.example.org"));
    assertThatThrownBy(() -> MailAlerts.address("liaison at example.org"))
        .hasMessage("not an e-mail address: liaison at example.org");
  }
}
