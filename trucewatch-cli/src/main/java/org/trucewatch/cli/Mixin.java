package org.trucewatch.cli;

import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.trucewatch.server.AccessLog;
import org.trucewatch.server.Alerts;
import org.trucewatch.server.CapSigner;
import org.trucewatch.server.MailAlerts;
import org.trucewatch.server.Server;
import org.trucewatch.server.TrustedProxies;
import org.trucewatch.server.Webhooks;
import org.trucewatch.store.Store;
import picocli.CommandLine.Option;

/** Options shared by the commands that serve. */
final class Mixin {
  private Mixin() {}

  /** The store a command works on. */
  static final class StoreOption {
    @Option(
        names = "--db",
        paramLabel = "DIR|URL",
        defaultValue = "trucewatch-data",
        description =
            "A folder for the embedded database (created on first use), or"
                + " postgresql://user:password@host:port/database (default: ${DEFAULT-VALUE})")
    String db;
  }

  /** Where and how to serve. */
  static final class HttpOptions {
    @Option(
        names = "--host",
        paramLabel = "ADDRESS",
        defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all)")
    String host;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    int port;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "8080",
        description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    void port(int value) {
      if (value < 0 || value > 65_535) {
        throw new picocli.CommandLine.ParameterException(
            mixee.commandLine(), "--port must be from 0 to 65535, was " + value);
      }
      port = value;
    }

    String tiles;

    @Option(
        names = "--tiles",
        paramLabel = "URL",
        defaultValue = "",
        description =
            "Tile URL template for the map's base layer, such as"
                + " https://tile.example.org/{z}/{x}/{y}.png (default: none, works offline)")
    void tiles(String value) {
      if (!value.isEmpty()
          && (!(value.startsWith("http://") || value.startsWith("https://"))
              || !value.contains("{z}")
              || !value.contains("{x}")
              || !value.contains("{y}"))) {
        throw new picocli.CommandLine.ParameterException(
            mixee.commandLine(),
            "--tiles must be an http(s) URL template with {z}, {x} and {y}, was " + value);
      }
      tiles = value;
    }

    @Option(
        names = "--tiles-attribution",
        paramLabel = "TEXT",
        defaultValue = "",
        description = "Attribution shown for the tiles")
    String tilesAttribution;

    List<String> corsOrigins = new ArrayList<>();

    @Option(
        names = "--cors-origin",
        paramLabel = "ORIGIN",
        description =
            "An origin such as https://dashboard.example.org whose web pages may read the API,"
                + " the OGC API and the reports across origins (repeatable; * for any; default:"
                + " none)")
    void corsOrigins(List<String> values) {
      // picocli passes every value given so far, each time the option is given
      for (String value : values) {
        if (!value.equals("*") && !value.matches("https?://[^/?#\\s]+")) {
          throw new picocli.CommandLine.ParameterException(
              mixee.commandLine(),
              "--cors-origin must be * or an origin: http(s)://host, with a port if not the"
                  + " scheme's, and no path, was "
                  + value);
        }
      }
      corsOrigins = List.copyOf(values);
    }

    List<String> trustedProxies = TrustedProxies.LOOPBACK;

    @Option(
        names = "--trusted-proxy",
        paramLabel = "ADDRESS",
        description =
            "The address of a proxy in front of the server (or a block such as 10.0.0.0/8) whose"
                + " X-Forwarded-Proto, X-Forwarded-For and Forwarded headers say how the reader"
                + " made a request; from any other peer they are ignored (repeatable; none for no"
                + " proxy; default: this machine, 127.0.0.0/8 and ::1)")
    void trustedProxies(List<String> values) {
      // picocli passes every value given so far, each time the option is given
      try {
        trustedProxies = TrustedProxies.of(values);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            mixee.commandLine(), "--trusted-proxy " + e.getMessage());
      }
    }

    @Option(
        names = "--access-log",
        paramLabel = "FILE",
        description =
            "Writes a line for each request answered to FILE: the Combined Log Format, with the"
                + " name of the API token the request presented as the user, and milliseconds;"
                + " a name holding "
                + AccessLog.DAILY
                + " makes a file a day (UTC)")
    Path accessLog;

    int accessLogDays;

    @Option(
        names = "--access-log-days",
        paramLabel = "N",
        defaultValue = "" + AccessLog.RETAIN_DAYS,
        description = "How many daily files of --access-log to keep (default: ${DEFAULT-VALUE})")
    void accessLogDays(int value) {
      if (value < 1) {
        throw new picocli.CommandLine.ParameterException(
            mixee.commandLine(), "--access-log-days must be 1 or more, was " + value);
      }
      accessLogDays = value;
    }

    /**
     * Stops the command before it opens anything when {@code --access-log} cannot be a file: a
     * folder, or in a folder that does not exist.
     */
    void checkAccessLog() {
      if (accessLog == null) {
        return;
      }
      Path parent = accessLog.toAbsolutePath().getParent();
      if (Files.isDirectory(accessLog) || parent == null || !Files.isDirectory(parent)) {
        throw new InputFailure(
            "--access-log "
                + accessLog
                + ": "
                + (Files.isDirectory(accessLog)
                    ? "is a folder; name the file to write"
                    : "cannot be written: the folder " + parent + " does not exist"));
      }
    }

    /** The options given, with the access log opened when one is asked for. */
    Server.Options options() {
      AccessLog log = null;
      if (accessLog != null) {
        checkAccessLog();
        try {
          log = AccessLog.open(accessLog, accessLogDays);
        } catch (IOException e) {
          throw new InputFailure("--access-log " + accessLog + ": " + e.getMessage(), e);
        }
      }
      return new Server.Options(
          host,
          port,
          tiles,
          tilesAttribution,
          corsOrigins,
          false,
          null,
          null,
          null,
          log,
          trustedProxies);
    }
  }

  /** Refuses a URL that is not http or https with a host. */
  static void webAddress(URI u) {
    String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
    if (!List.of("http", "https").contains(scheme) || u.getHost() == null) {
      throw new IllegalArgumentException("must be an http or https URL with a host");
    }
  }

  /**
   * The URL {@code value} of {@code option}, if {@code check} takes it; else bad usage of {@code
   * cl}, naming the option, the value and what is wrong.
   */
  static URI uri(
      picocli.CommandLine cl, String option, String value, java.util.function.Consumer<URI> check) {
    try {
      URI u = new URI(value);
      check.accept(u);
      return u;
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          cl,
          option
              + " "
              + value
              + ": "
              + (e instanceof URISyntaxException ? "not a URL" : e.getMessage()));
    }
  }

  /**
   * CAP messages pushed to hubs, and the key that signs them ({@code serve}, {@code alerts test}).
   */
  static final class CapOptions {
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    @Option(
        names = "--cap-keystore",
        paramLabel = "FILE",
        description =
            "Signs each CAP message (XML signature) and the reports' PDFs (PDF signature) with the"
                + " key and certificate of this PKCS #12 keystore (keytool -genkeypair -storetype"
                + " PKCS12); needs --cap-keystore-password-file")
    Path keystore;

    @Option(
        names = "--cap-keystore-password-file",
        paramLabel = "FILE",
        description = "The --cap-keystore's password: the file's first line")
    Path passwordFile;

    List<URI> push = List.of();

    @Option(
        names = "--cap-push",
        paramLabel = "URL",
        description =
            "Posts the CAP messages of the store's log (Alert, Update, Cancel; signed with"
                + " --cap-keystore) to the alerting hub at URL in the order issued, from where the"
                + " last push to it stopped (repeatable); a URL ending #sector=ID or #oblast=CODE"
                + " gives the hub only the messages of that area; --public-url gives their web"
                + " links")
    void push(List<String> values) {
      List<URI> checked = new ArrayList<>();
      for (String value : values) {
        checked.add(uri(mixee.commandLine(), "--cap-push", value, Webhooks::checkReceiver));
      }
      push = List.copyOf(checked);
    }

    /** The signer of {@code --cap-keystore}, or null without it; checked. */
    CapSigner signer() {
      if ((keystore == null) != (passwordFile == null)) {
        throw new picocli.CommandLine.ParameterException(
            mixee.commandLine(), "--cap-keystore and --cap-keystore-password-file go together");
      }
      if (keystore == null) {
        return null;
      }
      PathChecks.inputFile(keystore);
      PathChecks.inputFile(passwordFile);
      try {
        return CapSigner.load(keystore, passwordFile);
      } catch (IllegalArgumentException e) {
        throw new InputFailure(e.getMessage(), e);
      }
    }
  }

  /** Where to send alerts, by webhook and by e-mail ({@code serve}, {@code ingest}). */
  static final class AlertOptions {
    /** The environment variable that holds the password of the {@code --smtp} user. */
    static final String SMTP_PASSWORD = "TRUCEWATCH_SMTP_PASSWORD";

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    List<URI> urls = List.of();
    List<String> given = List.of();

    @Option(
        names = "--webhook",
        paramLabel = "URL",
        description =
            "Posts to URL each statement (JSON) of an assessment that states the figures of"
                + " report days for the first time or revises them, in order from the store's log,"
                + " going on where the last alerts to URL stopped (repeatable); a URL ending"
                + " #sector=ID or #oblast=CODE is given only the days of that area's counts and"
                + " findings")
    void webhooks(List<String> values) {
      // picocli passes every value given so far, each time the option is given
      List<URI> checked = new ArrayList<>();
      for (String value : values) {
        checked.add(uri("--webhook", value, Webhooks::checkReceiver));
      }
      urls = List.copyOf(checked);
      given = List.copyOf(values);
    }

    @Option(
        names = "--webhook-secret-file",
        paramLabel = "FILE",
        description =
            "Signs each alert with the key in FILE (HMAC-SHA256, header X-TruceWatch-Signature)")
    Path secretFile;

    List<MailAlerts.Recipient> mailTo = List.of();

    @Option(
        names = "--mail-to",
        paramLabel = "ADDRESS",
        description =
            "Mails the same alert, the days' figures as text, to ADDRESS (repeatable; needs --smtp"
                + " and --mail-from); ADDRESS#sector=ID or ADDRESS#oblast=CODE is mailed only the"
                + " days of that area's counts and findings")
    void mailTo(List<String> values) {
      List<MailAlerts.Recipient> checked = new ArrayList<>();
      for (String value : values) {
        checked.add(checked("--mail-to", value, MailAlerts.Recipient::of));
      }
      mailTo = List.copyOf(checked);
    }

    URI smtp;

    @Option(
        names = "--smtp",
        paramLabel = "URL",
        description =
            "The SMTP server for --mail-to: smtp://[user@]host[:port] (port 25, STARTTLS when"
                + " offered) or smtps://[user@]host[:port] (TLS, port 465); the user's password"
                + " comes from the environment variable "
                + SMTP_PASSWORD)
    void smtp(String value) {
      smtp = uri("--smtp", value, MailAlerts::checkSmtp);
    }

    InternetAddress mailFrom;

    @Option(
        names = "--mail-from",
        paramLabel = "ADDRESS",
        description = "The sender of the alerts by e-mail")
    void mailFrom(String value) {
      mailFrom = checked("--mail-from", value, MailAlerts::address);
    }

    URI publicUrl;

    @Option(
        names = "--public-url",
        paramLabel = "URL",
        description =
            "Where readers reach the server (https://truce.example.org), for the links in the"
                + " alerts by e-mail; without it the links are paths on the server")
    void publicUrl(String value) {
      publicUrl = uri("--public-url", value, Mixin::webAddress);
    }

    private URI uri(String option, String value, java.util.function.Consumer<URI> check) {
      return Mixin.uri(mixee.commandLine(), option, value, check);
    }

    private picocli.CommandLine.ParameterException usage(String message) {
      return new picocli.CommandLine.ParameterException(mixee.commandLine(), message);
    }

    private <T> T checked(
        String option, String value, java.util.function.Function<String, T> read) {
      try {
        return read.apply(value);
      } catch (IllegalArgumentException e) {
        throw usage(option + ": " + e.getMessage());
      }
    }

    /** Alerts opened: where they go, for a line of output. */
    record Opened(Alerts<?> alerts, String to) {}

    /** A test alert to each receiver of some alerts, sent at the time given: what each did. */
    interface Test {
      List<Alerts.Tested> send(java.time.Instant sent) throws InterruptedException;
    }

    /**
     * Alerts asked for and checked, to be started on a store: where they go, and how to test them
     * without the store.
     */
    record Asked(java.util.function.Function<Store, Alerts<?>> alerts, String to, Test test) {
      /** The alerts started, following the logs of {@code store}. */
      Opened start(Store store) {
        return new Opened(alerts.apply(store), to);
      }
    }

    /**
     * The alerts asked for, with {@code delays} between attempts, checked before anything is
     * opened; none without {@code --webhook} and {@code --mail-to}.
     */
    List<Asked> check(List<Duration> delays) throws IOException {
      return check(delays, false);
    }

    /**
     * As {@link #check(List)}, where {@code pushesCap} says whether CAP messages are pushed too
     * ({@code serve --cap-push}), whose links {@code --public-url} also makes absolute.
     */
    List<Asked> check(List<Duration> delays, boolean pushesCap) throws IOException {
      List<Asked> out = new ArrayList<>();
      if (urls.isEmpty() && secretFile != null) {
        throw usage("--webhook-secret-file needs --webhook URL");
      }
      if (mailTo.isEmpty() && (smtp != null || mailFrom != null)) {
        throw usage("--smtp and --mail-from need --mail-to ADDRESS");
      }
      if (mailTo.isEmpty() && !pushesCap && publicUrl != null) {
        throw usage(
            mixee.optionsMap().containsKey("--cap-push")
                ? "--public-url needs --mail-to ADDRESS or --cap-push URL"
                : "--public-url needs --mail-to ADDRESS");
      }
      if (!mailTo.isEmpty() && (smtp == null || mailFrom == null)) {
        throw usage("--mail-to needs --smtp URL and --mail-from ADDRESS");
      }
      // every check before any alerts are started
      Optional<String> password = Optional.ofNullable(System.getenv(SMTP_PASSWORD));
      if (smtp != null
          && smtp.getUserInfo() != null
          && password.filter(p -> !p.isEmpty()).isEmpty()) {
        throw new InputFailure(
            "--smtp names the user "
                + smtp.getUserInfo()
                + "; give the password in the environment variable "
                + SMTP_PASSWORD);
      }
      if (!urls.isEmpty()) {
        Optional<String> secret = Optional.empty();
        if (secretFile != null) {
          PathChecks.inputFile(secretFile);
          String key = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
          if (key.isEmpty()) {
            throw new InputFailure(
                secretFile + ": is empty; the webhook secret file holds the key");
          }
          secret = Optional.of(key);
        }
        Webhooks.Settings hooks = new Webhooks.Settings(urls, secret, delays);
        out.add(
            new Asked(
                store -> new Webhooks(hooks, store),
                String.join(", ", given) + (secretFile == null ? "" : " (signed)"),
                sent -> Webhooks.test(hooks, sent)));
      }
      if (!mailTo.isEmpty()) {
        MailAlerts.Settings mail =
            new MailAlerts.Settings(
                smtp, password, mailFrom, mailTo, Optional.ofNullable(publicUrl), delays);
        out.add(
            new Asked(
                store -> new MailAlerts(mail, store),
                String.join(
                        ", ", mailTo.stream().map(r -> r.address() + r.area().fragment()).toList())
                    + " by e-mail via "
                    + smtp.getHost(),
                sent -> MailAlerts.test(mail, sent)));
      }
      return out;
    }
  }
}
