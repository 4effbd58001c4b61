package org.trucewatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.trucewatch.reports.ReportJson;
import org.trucewatch.run.DayRevision;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * Alerts by e-mail: each statement of the report days' figures (after each assessment that states
 * them anew, for the first time or revised), and of an analyst's review of a finding that alerts
 * named, one plain-text message to each address through an SMTP server (docs/server.md, "Alerts"),
 * written from the statement's JSON and given in order from the store's log of statements as {@link
 * Alerts} says; the SMTP server takes an alert by accepting the message, and refuses it with a
 * permanent (5xx) answer to the message or its address.
 */
public final class MailAlerts extends StatementAlerts<MailAlerts.Mail> {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final DateTimeFormatter STATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * Where to send alerts and how.
   *
   * @param smtp the SMTP server, {@code smtp://[user@]host[:port]} (port 25 by default, with
   *     STARTTLS when the server offers it) or {@code smtps://} (TLS from the start, port 465)
   * @param password the password of the URL's user, if it names one
   * @param from the sender
   * @param to the receivers, each sent a message of its own, of the statements of its area
   * @param publicUrl where readers reach the server ({@code https://truce.example.org}), for the
   *     links in each message; without it the links are paths on the server
   * @param retryDelays the delay before each further attempt after a failed one (at least one; the
   *     last is repeated while the SMTP server fails)
   * @param poll how often the log is read when no assessment of this process has written to it
   */
  public record Settings(
      URI smtp,
      Optional<String> password,
      InternetAddress from,
      List<Recipient> to,
      Optional<URI> publicUrl,
      List<Duration> retryDelays,
      Duration poll) {
    public Settings {
      checkSmtp(smtp);
      password = password.filter(p -> !p.isEmpty());
      to = List.copyOf(to);
      retryDelays = List.copyOf(retryDelays);
    }

    /** Settings that read the log every {@link Alerts#POLL}. */
    public Settings(
        URI smtp,
        Optional<String> password,
        InternetAddress from,
        List<Recipient> to,
        Optional<URI> publicUrl,
        List<Duration> retryDelays) {
      this(smtp, password, from, to, publicUrl, retryDelays, POLL);
    }

    /** Settings with the default delays. */
    public Settings(
        URI smtp,
        Optional<String> password,
        InternetAddress from,
        List<Recipient> to,
        Optional<URI> publicUrl) {
      this(smtp, password, from, to, publicUrl, RETRY_DELAYS);
    }

    /** The settings without the password, which a log must not show. */
    @Override
    public String toString() {
      return "Settings[smtp="
          + smtp
          + ", password="
          + password.isPresent()
          + ", from="
          + from
          + ", to="
          + to
          + ", publicUrl="
          + publicUrl.map(URI::toString).orElse("")
          + ", retryDelays="
          + retryDelays
          + ", poll="
          + poll
          + "]";
    }
  }

  /**
   * Throws unless {@code smtp} is {@code smtp://} or {@code smtps://} with a host; the message
   * names what is wrong.
   */
  public static void checkSmtp(URI smtp) {
    String scheme = smtp.getScheme() == null ? "" : smtp.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
      throw new IllegalArgumentException(
          "an SMTP server is smtp://[user@]host[:port] or smtps://[user@]host[:port], was " + smtp);
    }
    if (smtp.getHost() == null || smtp.getHost().isEmpty()) {
      throw new IllegalArgumentException("an SMTP server's URL must name a host, was " + smtp);
    }
  }

  /**
   * An e-mail address as written in a header ({@code liaison@example.org} or {@code Liaison
   * <liaison@example.org>}).
   *
   * @throws IllegalArgumentException naming the text when it is not one
   */
  public static InternetAddress address(String text) {
    try {
      InternetAddress a = new InternetAddress(text, true);
      a.validate();
      return a;
    } catch (AddressException e) {
      throw new IllegalArgumentException("not an e-mail address: " + text, e);
    }
  }

  /**
   * A receiver of alerts by e-mail: an address, and the part of the statements it is given.
   *
   * @param address where the messages go
   * @param area the statements of which area it is given
   */
  public record Recipient(InternetAddress address, AlertArea area) {
    /**
     * A receiver as {@code --mail-to} names it: an address ({@link MailAlerts#address}), which may
     * end with the area it is given, as a URL's fragment names it ({@code
     * liaison@example.org#sector=east}, {@link AlertArea#of(String, String)}).
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Recipient of(String text) {
      int hash = text.lastIndexOf('#');
      if (hash < 0 || hash < text.lastIndexOf('@') || hash < text.lastIndexOf('>')) {
        return new Recipient(MailAlerts.address(text), AlertArea.ALL);
      }
      return new Recipient(
          MailAlerts.address(text.substring(0, hash)),
          AlertArea.of(text.substring(hash + 1), text));
    }

    /** How operators are shown it: the address, and its area as {@link #of} reads it. */
    public String shown() {
      return address.getAddress() + area.fragment();
    }
  }

  /**
   * A message ready to be sent: its subject, text, date (when its assessment or review was made)
   * and kind ({@code X-TruceWatch-Event}).
   */
  record Mail(String subject, String body, Instant stated, String event) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings settings;
  private final Smtp smtp;

  /**
   * Starts mailing each address of {@code settings} the statements of the log of {@code store},
   * from where the alerts to it stopped.
   */
  public MailAlerts(Settings settings, Store store) {
    super("email", store, settings.retryDelays(), settings.poll());
    this.settings = settings;
    this.smtp = Smtp.of(settings);
    start(settings.to().stream().map(r -> new Receiver(key(r), r.shown())).toList());
  }

  /** A session with the SMTP server of the settings, its user (null: none) and password. */
  private record Smtp(Session session, String user, String password) {
    static Smtp of(Settings settings) {
      boolean tls = settings.smtp().getScheme().equalsIgnoreCase("smtps");
      String protocol = tls ? "smtps" : "smtp";
      String raw = settings.smtp().getRawUserInfo();
      String user = raw == null ? null : URLDecoder.decode(raw, StandardCharsets.UTF_8);
      Properties p = new Properties();
      p.put("mail.transport.protocol", protocol);
      p.put("mail." + protocol + ".host", settings.smtp().getHost());
      int port = settings.smtp().getPort();
      p.put("mail." + protocol + ".port", String.valueOf(port > 0 ? port : tls ? 465 : 25));
      for (String t : List.of("connectiontimeout", "timeout", "writetimeout")) {
        p.put("mail." + protocol + "." + t, String.valueOf(TIMEOUT.toMillis()));
      }
      if (!tls) {
        // encrypted when the server offers it
        p.put("mail.smtp.starttls.enable", "true");
      }
      p.put("mail." + protocol + ".auth", String.valueOf(user != null));
      return new Smtp(Session.getInstance(p), user, settings.password().orElse(""));
    }

    /** Sends {@code mail} from {@code from} to {@code to}, as alert {@code id}. */
    Optional<Failure> send(InternetAddress from, InternetAddress to, Mail mail, String id) {
      try {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, to);
        m.setSubject(mail.subject(), "UTF-8");
        m.setText(mail.body(), "UTF-8");
        m.setSentDate(Date.from(mail.stated()));
        m.setHeader("X-TruceWatch-Event", mail.event());
        m.setHeader("X-TruceWatch-Delivery", id);
        if (user == null) {
          Transport.send(m);
        } else {
          Transport.send(m, user, password);
        }
        return Optional.empty();
      } catch (MessagingException x) {
        return Optional.of(new Failure(x.toString(), refused(x)));
      }
    }
  }

  /**
   * Mails one test alert to each address of {@code settings}, once and without the store's log,
   * with {@code X-TruceWatch-Event: test}; what each did with it (a refusal or failure of the SMTP
   * server). With a public URL, the message gives the link to the web map under it, for the
   * operator to check that the alerts' links will open.
   */
  public static List<Tested> test(Settings settings, Instant sent) {
    Smtp smtp = Smtp.of(settings);
    String base = base(settings.publicUrl());
    String links =
        base.isEmpty()
            ? ""
            : "\n\nThe alerts' links to the daily reports start with "
                + base
                + "/, where "
                + base
                + "/ opens the web map.";
    List<Tested> out = new ArrayList<>();
    for (Recipient r : settings.to()) {
      String text = testText(r.area(), sent) + links;
      Mail mail =
          new Mail(
              "Truce Watch: a test of the alerts to this address", text + "\n", sent, TEST_EVENT);
      Optional<Failure> f =
          smtp.send(settings.from(), r.address(), mail, alertId(text + r.shown()));
      out.add(new Tested("email", r.shown(), f.map(Failure::problem)));
    }
    return out;
  }

  /**
   * How the store knows a receiver: the SHA-256 of its address and area, told from a URL's and from
   * the same address's of another area.
   */
  public static String key(Recipient r) {
    return Store.sha256(
        "email " + r.address().getAddress().toLowerCase(Locale.ROOT) + r.area().fragment());
  }

  @Override
  AlertArea area(int k) {
    return settings.to().get(k).area();
  }

  @Override
  Mail payload(Rows.Statement s) {
    JsonNode statement;
    try {
      statement = JSON.readTree(s.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("statement " + s.seq() + " of the log is not JSON", e);
    }
    String event = statement.path("event").asText(EVENT);
    return new Mail(
        subject(statement),
        event.equals(REVIEW_EVENT)
            ? reviewBody(statement, settings.publicUrl())
            : body(statement, settings.publicUrl()),
        s.stated(),
        event);
  }

  @Override
  protected Optional<Failure> attempt(int k, Entry<Mail> e) {
    return smtp.send(settings.from(), settings.to().get(k).address(), e.payload(), e.id());
  }

  /**
   * Whether the SMTP server refused the message or its address for good: a 5xx answer to either,
   * and not to the sign-in (a password to be mended) or a 4xx (try later).
   */
  static boolean refused(MessagingException e) {
    for (Exception x = e; x != null; ) {
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode() / 100 == 5;
      }
      if (x instanceof SMTPSendFailedException f) {
        return f.getReturnCode() / 100 == 5;
      }
      x = x instanceof MessagingException m ? m.getNextException() : null;
    }
    return false;
  }

  /** What the links of a message start with: {@code publicUrl} without its last slash, or "". */
  private static String base(Optional<URI> publicUrl) {
    return publicUrl.map(u -> u.toString().replaceAll("/+$", "")).orElse("");
  }

  /** The subject: the statement's one line, without its full stop. */
  static String subject(JsonNode statement) {
    String t = statement.path("text").asText();
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  /**
   * The message: each day's figures (and what they were, when revised) and links, under {@code
   * publicUrl} when there is one, else paths on the server.
   */
  static String body(JsonNode statement, Optional<URI> publicUrl) {
    String base = base(publicUrl);
    StringBuilder b = new StringBuilder();
    JsonNode days = statement.path("days");
    int n = days.size();
    b.append("Truce Watch stated the figures of ")
        .append(n)
        .append(n == 1 ? " report day" : " report days")
        .append(": terms ")
        .append(statement.path("terms").asText())
        .append(", method ")
        .append(statement.path("method_version").asText())
        .append(", ingests up to no. ")
        .append(statement.path("last_ingest_id").asLong())
        .append(", stated ")
        .append(STATED.format(Instant.parse(statement.path("stated").asText())))
        .append(".\n");
    JsonNode area = statement.path("area");
    if (area.isObject()) {
      String words =
          new AlertArea(area.path("sector").textValue(), area.path("oblast").textValue()).words();
      b.append("This message is for ")
          .append(words)
          .append(": it gives the days on which figures there were first stated or revised, or")
          .append(" findings there first stated or withdrawn, and only those findings; each day's")
          .append(" figures are those of the whole area monitored, then those of ")
          .append(words)
          .append(".\n");
    }
    for (JsonNode d : days) {
      DayRevision now = ReportJson.revision(d.path("figures"));
      DayRevision before =
          d.path("previous").isObject() ? ReportJson.revision(d.path("previous")) : null;
      String day = d.path("date").asText();
      b.append('\n')
          .append(day)
          .append(", version ")
          .append(d.path("version").asInt())
          .append(before == null ? " (first stated)" : " (revised)")
          .append('\n');
      line(b, "coverage", now, before, DayRevision::coverage);
      line(b, "detections", now, before, DayRevision::detections);
      line(b, "war-related (inference)", now, before, DayRevision::warRelated);
      line(b, "in the buffer", now, before, DayRevision::inBuffer);
      line(b, "incidents", now, before, DayRevision::incidents);
      List<String> findings = new ArrayList<>();
      now.findings()
          .forEach(
              (verdict, count) -> {
                Integer was = before == null ? null : before.findings().getOrDefault(verdict, 0);
                findings.add(
                    verdict
                        + " "
                        + count
                        + (was == null || was.equals(count) ? "" : " (was " + was + ")"));
              });
      b.append(String.format(Locale.ROOT, "  %-24s %s\n", "findings", String.join(", ", findings)));
      line(b, "surveillance reports", now, before, DayRevision::reports);
      JsonNode moved = d.path("figures").path("areas_changed");
      if (before != null && !moved.isEmpty()) {
        List<String> names = new ArrayList<>();
        moved.forEach(name -> names.add(name.asText()));
        b.append(
            String.format(
                Locale.ROOT, "  %-24s %s\n", "counts changed in", String.join(", ", names)));
      }
      areaFigures(b, statement.path("area"), d.path("area_figures"));
      firstStated(b, base, d.path("first_stated_findings"));
      withdrawn(b, base, d.path("withdrawn_findings"));
      b.append(
          String.format(
              Locale.ROOT,
              "  %-24s %s (PDF: %s)\n",
              "daily report",
              base + Server.dayPageHref(day, "html"),
              base + Server.dayPageHref(day, "pdf")));
    }
    b.append(
        "\nEach figure counts the observations that the daily report lists with their files and"
            + " lines. A revised figure replaces the one stated before; the daily report lists"
            + " every version. The war-related count is an inference of the method named"
            + " above.\n");
    return b.toString();
  }

  /**
   * The message of an analyst's review of a finding that alerts named: the review (status, by whom,
   * when, the note), the finding as the alerts named it, and what it rested on when reviewed; told
   * apart from the method's findings.
   */
  static String reviewBody(JsonNode statement, Optional<URI> publicUrl) {
    String base = base(publicUrl);
    JsonNode r = statement.path("review");
    JsonNode f = statement.path("finding");
    StringBuilder b = new StringBuilder();
    b.append("An analyst of the mission reviewed a finding that Truce Watch's alerts named. The")
        .append(" review is a person's judgement, kept beside the finding; the finding, its")
        .append(" verdict and the days' figures stay the method's and do not change.\n");
    JsonNode area = statement.path("area");
    if (area.isObject()) {
      b.append("This message is for ")
          .append(
              new AlertArea(area.path("sector").textValue(), area.path("oblast").textValue())
                  .words())
          .append(", where the finding lies.\n");
    }
    b.append('\n');
    b.append(
        String.format(
            Locale.ROOT,
            "  %-24s %s, by %s, %s\n",
            "review",
            r.path("status").asText(),
            r.path("by").asText(),
            STATED.format(Instant.parse(r.path("made").asText()))));
    b.append(String.format(Locale.ROOT, "  %-24s %s\n", "note", r.path("note").asText()));
    b.append(
        String.format(
            Locale.ROOT,
            "  %-24s %s: %s\n",
            "finding",
            named(f, "first_time"),
            base + f.path("href").asText()));
    int rows = r.path("evidence_rows").asInt();
    b.append(
        String.format(
            Locale.ROOT,
            "  %-24s %d evidence %s, method %s, terms %s\n",
            "as reviewed",
            rows,
            rows == 1 ? "row" : "rows",
            statement.path("method_version").asText(),
            statement.path("terms").asText()));
    b.append(
        String.format(
            Locale.ROOT,
            "  %-24s %s (PDF: %s)\n",
            "daily report",
            base + Server.dayPageHref(f.path("report_day").asText(), "html"),
            base + Server.dayPageHref(f.path("report_day").asText(), "pdf")));
    b.append(
        "\nEvery review of the finding is listed at "
            + base
            + f.path("href").asText()
            + "/reviews; the finding is shown with the newest.\n");
    return b.toString();
  }

  /**
   * The day's counts of a receiver's area ({@code figures}: its {@code sector} and {@code oblast},
   * as the daily report counts them, and under {@code previous} what they were when the day is
   * revised), each on a line; nothing for a statement without them.
   */
  private static void areaFigures(StringBuilder b, JsonNode area, JsonNode figures) {
    if (!figures.isObject()) {
      return;
    }
    JsonNode previous = figures.path("previous");
    for (String k : List.of("sector", "oblast")) {
      if (area.path(k).isNull() || area.path(k).isMissingNode()) {
        continue;
      }
      String words =
          k.equals("sector")
              ? new AlertArea(area.path(k).asText(), null).words()
              : new AlertArea(null, area.path(k).asText()).words();
      JsonNode p = figures.path(k);
      JsonNode was = previous.path(k);
      List<String> counts = new ArrayList<>();
      if (p.isObject() || was.isObject()) {
        for (Map.Entry<String, String> c : AREA_COUNTS) {
          int is = p.path(c.getKey()).asInt();
          int before = was.path(c.getKey()).asInt();
          counts.add(
              c.getValue()
                  + " "
                  + is
                  + (previous.isObject() && before != is ? " (was " + before + ")" : ""));
        }
      }
      b.append(
          String.format(
              Locale.ROOT,
              "  %-24s %s\n",
              "in " + (p.isObject() ? p : was).path("name").asText(words),
              counts.isEmpty() ? "nothing counted" : String.join(", ", counts)));
    }
  }

  /** The counts of an area that a message gives: each field of report.json, and its words. */
  private static final List<Map.Entry<String, String>> AREA_COUNTS =
      List.of(
          Map.entry("detections", "detections"),
          Map.entry("war_related", "war-related (inference)"),
          Map.entry("in_buffer", "in the buffer"),
          Map.entry("incidents", "incidents"),
          Map.entry("violations", "violations and probable violations"));

  /** The most findings first stated that a message lists for one day. */
  static final int LISTED = 10;

  /**
   * The day's findings of violation and probable violation stated for the first time, each on a
   * line with its time (UTC), place, oblast, monitoring sector, whose ground, zones and link; at
   * most {@link #LISTED}.
   */
  private static void firstStated(StringBuilder b, String base, JsonNode findings) {
    findingLines(
        b,
        "findings first stated",
        findings,
        "first",
        f -> {
          List<String> zones = new ArrayList<>();
          f.path("zones").forEach(z -> zones.add(z.asText()));
          return (zones.isEmpty() ? "" : ", zone " + String.join(", ", zones))
              + ": "
              + base
              + f.path("href").asText();
        },
        "listed in the daily report");
  }

  /**
   * The day's findings of violation and probable violation withdrawn, each on a line with what its
   * withdrawn message stated (verdict, clause, time, place, oblast, sector, whose ground) and the
   * link to its Cancel; at most {@link #LISTED}.
   */
  private static void withdrawn(StringBuilder b, String base, JsonNode cancels) {
    findingLines(
        b,
        "findings withdrawn",
        cancels,
        "first_time",
        m -> ": " + base + m.path("cap").asText(),
        "in the CAP feed " + base + Cap.FEED_PATH);
  }

  /**
   * {@code heading} and the count of {@code findings}, then at most {@link #LISTED} of them, each
   * on a line with verdict, clause, time (its {@code timeField}, UTC), place, oblast, sector and
   * whose ground, followed by its {@code tail}; the others counted, as {@code more} says where they
   * are.
   */
  private static void findingLines(
      StringBuilder b,
      String heading,
      JsonNode findings,
      String timeField,
      Function<JsonNode, String> tail,
      String more) {
    if (findings.isEmpty()) {
      return;
    }
    b.append(String.format(Locale.ROOT, "  %-24s %d\n", heading, findings.size()));
    for (JsonNode f : listed(findings)) {
      b.append("    ").append(named(f, timeField)).append(tail.apply(f)).append('\n');
    }
    if (findings.size() > LISTED) {
      b.append("    and ")
          .append(findings.size() - LISTED)
          .append(" more, ")
          .append(more)
          .append('\n');
    }
  }

  /**
   * A finding as a message names it: verdict, clause, time (its {@code timeField}, UTC), place,
   * oblast, sector and whose ground.
   */
  private static String named(JsonNode f, String timeField) {
    return String.format(
        Locale.ROOT,
        "%s, clause %s, %s, %s, %s%s, %s",
        f.path("verdict").asText(),
        f.path("clause_id").asText(),
        STATED.format(Instant.parse(f.path(timeField).asText())),
        place(f),
        oblast(f.path("oblast").asText()),
        sector(f.path("sector").asText()),
        f.path("ground").asText());
  }

  /** The first {@link #LISTED} of {@code xs}. */
  private static List<JsonNode> listed(JsonNode xs) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode x : xs) {
      if (out.size() == LISTED) {
        break;
      }
      out.add(x);
    }
    return out;
  }

  /** A finding's place in degrees to four decimals, north and east. */
  private static String place(JsonNode f) {
    return String.format(
        Locale.ROOT,
        "%.4f° N %.4f° E",
        f.path("latitude").asDouble(),
        f.path("longitude").asDouble());
  }

  private static String oblast(String name) {
    return name.isEmpty() ? "outside the oblasts" : name;
  }

  private static String sector(String name) {
    return name.isEmpty() ? "" : " (sector: " + name + ")";
  }

  /** One figure of the day, and what it was before when the version before stated another. */
  private static void line(
      StringBuilder b,
      String name,
      DayRevision now,
      DayRevision before,
      Function<DayRevision, Object> figure) {
    Object is = figure.apply(now);
    Object was = before == null ? null : figure.apply(before);
    b.append(
        String.format(
            Locale.ROOT,
            "  %-24s %s%s\n",
            name,
            is,
            was == null || was.equals(is) ? "" : " (was " + was + ")"));
  }
}
