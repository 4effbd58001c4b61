package org.trucewatch.server;

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
import java.time.LocalDate;
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
import org.trucewatch.assessment.Finding;
import org.trucewatch.run.DayRevision;
import org.trucewatch.store.Rows;

/**
 * Alerts by e-mail: after each assessment that states the figures of report days anew (for the
 * first time, or revised), one plain-text message to each address through an SMTP server
 * (docs/server.md, "Alerts"), delivered and tried again as {@link Alerts} says; the SMTP server
 * takes an alert by accepting the message.
 */
public final class MailAlerts extends Alerts {
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
   * @param to the receivers, each sent a message of its own
   * @param publicUrl where readers reach the server ({@code https://truce.example.org}), for the
   *     links in each message; without it the links are paths on the server
   * @param retryDelays the delay before each further attempt after a failed one
   */
  public record Settings(
      URI smtp,
      Optional<String> password,
      InternetAddress from,
      List<InternetAddress> to,
      Optional<URI> publicUrl,
      List<Duration> retryDelays) {
    public Settings {
      checkSmtp(smtp);
      password = password.filter(p -> !p.isEmpty());
      to = List.copyOf(to);
      retryDelays = List.copyOf(retryDelays);
    }

    /** Settings with the default delays. */
    public Settings(
        URI smtp,
        Optional<String> password,
        InternetAddress from,
        List<InternetAddress> to,
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

  private final Settings settings;
  private final Session session;
  private final String user;

  public MailAlerts(Settings settings) {
    super(
        "email",
        settings.to().stream().map(InternetAddress::toString).toList(),
        settings.retryDelays());
    this.settings = settings;
    boolean tls = settings.smtp().getScheme().equalsIgnoreCase("smtps");
    String protocol = tls ? "smtps" : "smtp";
    String raw = settings.smtp().getRawUserInfo();
    this.user = raw == null ? null : URLDecoder.decode(raw, StandardCharsets.UTF_8);
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
    this.session = Session.getInstance(p);
  }

  @Override
  public void stated(Monitor.DaysStated stated) {
    if (stated.days().isEmpty()) {
      return; // CAP messages only: no day's figures to tell
    }
    String subject = subject(stated);
    String body = body(stated);
    String id = alertId(subject + "\n" + body);
    for (int k = 0; k < receivers(); k++) {
      InternetAddress to = settings.to().get(k);
      submit(k, id, () -> send(to, subject, body, id, stated.stated()));
    }
  }

  /** One message to one address: null when the SMTP server took it, else what failed. */
  private String send(InternetAddress to, String subject, String body, String id, Instant stated) {
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(settings.from());
      m.setRecipient(Message.RecipientType.TO, to);
      m.setSubject(subject, "UTF-8");
      m.setText(body, "UTF-8");
      m.setSentDate(Date.from(stated));
      m.setHeader("X-TruceWatch-Event", EVENT);
      m.setHeader("X-TruceWatch-Delivery", id);
      if (user == null) {
        Transport.send(m);
      } else {
        Transport.send(m, user, settings.password().orElse(""));
      }
      return null;
    } catch (MessagingException e) {
      return e.toString();
    }
  }

  /** The subject: the alert's one line, without its full stop. */
  static String subject(Monitor.DaysStated s) {
    String t = text(s);
    return t.substring(0, t.length() - 1);
  }

  /** The message: each day's figures (and what they were, when revised) and links. */
  String body(Monitor.DaysStated s) {
    StringBuilder b = new StringBuilder();
    int n = s.days().size();
    b.append("Truce Watch stated the figures of ")
        .append(n)
        .append(n == 1 ? " report day" : " report days")
        .append(": terms ")
        .append(s.terms())
        .append(", method ")
        .append(s.methodVersion())
        .append(", ingests up to no. ")
        .append(s.lastIngestId())
        .append(", stated ")
        .append(STATED.format(s.stated()))
        .append(".\n");
    for (Map.Entry<LocalDate, List<DayRevision>> e : s.days().entrySet()) {
      List<DayRevision> versions = e.getValue();
      DayRevision now = versions.get(versions.size() - 1);
      DayRevision before = versions.size() == 1 ? null : versions.get(versions.size() - 2);
      String day = e.getKey().toString();
      b.append('\n')
          .append(day)
          .append(", version ")
          .append(versions.size())
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
      firstStated(b, s.firstStated().getOrDefault(e.getKey(), List.of()), s.grounds());
      withdrawn(b, s.withdrawn().getOrDefault(e.getKey(), List.of()), s.grounds());
      b.append(
          String.format(
              Locale.ROOT,
              "  %-24s %s (PDF: %s)\n",
              "daily report",
              link(Server.dayPageHref(day, "html")),
              link(Server.dayPageHref(day, "pdf"))));
    }
    b.append(
        "\nEach figure counts the observations that the daily report lists with their files and"
            + " lines. A revised figure replaces the one stated before; the daily report lists"
            + " every version. The war-related count is an inference of the method named"
            + " above.\n");
    return b.toString();
  }

  /** The most findings first stated that a message lists for one day. */
  static final int LISTED = 10;

  /**
   * The day's findings of violation and probable violation stated for the first time, each on a
   * line with its time (UTC), place, oblast, monitoring sector, whose ground, zones and link; at
   * most {@link #LISTED}.
   */
  private void firstStated(StringBuilder b, List<Finding> findings, Map<String, String> grounds) {
    if (findings.isEmpty()) {
      return;
    }
    b.append(String.format(Locale.ROOT, "  %-24s %d\n", "findings first stated", findings.size()));
    for (Finding f : findings.subList(0, Math.min(LISTED, findings.size()))) {
      b.append(
          String.format(
              Locale.ROOT,
              "    %s, clause %s, %s, %.4f° N %.4f° E, %s%s, %s%s: %s\n",
              f.verdict().key(),
              f.clauseId(),
              STATED.format(f.first()),
              f.latitude(),
              f.longitude(),
              f.regionName().isEmpty() ? "outside the oblasts" : f.regionName(),
              f.sectorName().isEmpty() ? "" : " (sector: " + f.sectorName() + ")",
              grounds.getOrDefault(f.side().key(), f.side().key().replace('_', ' ') + " ground"),
              f.zones().isEmpty() ? "" : ", zone " + String.join(", ", f.zones()),
              link("/api/v1/findings/" + Ogc.fid(f.id()))));
    }
    if (findings.size() > LISTED) {
      b.append("    and ")
          .append(findings.size() - LISTED)
          .append(" more, listed in the daily report\n");
    }
  }

  /**
   * The day's findings of violation and probable violation withdrawn, each on a line with what its
   * withdrawn message stated (verdict, clause, time, place, oblast, sector, whose ground) and the
   * link to its Cancel; at most {@link #LISTED}.
   */
  private void withdrawn(
      StringBuilder b, List<Rows.AlertMessage> cancels, Map<String, String> grounds) {
    if (cancels.isEmpty()) {
      return;
    }
    b.append(String.format(Locale.ROOT, "  %-24s %d\n", "findings withdrawn", cancels.size()));
    for (Rows.AlertMessage m : cancels.subList(0, Math.min(LISTED, cancels.size()))) {
      b.append(
          String.format(
              Locale.ROOT,
              "    %s, clause %s, %s, %.4f° N %.4f° E, %s%s, %s: %s\n",
              m.verdict(),
              m.clauseId(),
              STATED.format(m.first()),
              m.latitude(),
              m.longitude(),
              m.oblast().isEmpty() ? "outside the oblasts" : m.oblast(),
              m.sector().isEmpty() ? "" : " (sector: " + m.sector() + ")",
              grounds.getOrDefault(m.side(), m.side().replace('_', ' ') + " ground"),
              link(Cap.MESSAGE_PATH + m.identifier())));
    }
    if (cancels.size() > LISTED) {
      b.append("    and ")
          .append(cancels.size() - LISTED)
          .append(" more, in the CAP feed ")
          .append(link(Cap.FEED_PATH))
          .append('\n');
    }
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

  /** A path on the server as a link: absolute with the public URL, else the path as it is. */
  private String link(String path) {
    return settings.publicUrl().map(u -> u.toString().replaceAll("/+$", "") + path).orElse(path);
  }
}
