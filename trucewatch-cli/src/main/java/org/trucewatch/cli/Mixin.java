package org.trucewatch.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.trucewatch.server.Server;
import org.trucewatch.server.Webhooks;
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

    Server.Options options() {
      return new Server.Options(host, port, tiles, tilesAttribution, corsOrigins, false);
    }
  }

  /** Where to post alerts ({@code serve}, {@code ingest}). */
  static final class WebhookOptions {
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    List<URI> urls = List.of();
    List<String> given = List.of();

    @Option(
        names = "--webhook",
        paramLabel = "URL",
        description =
            "Posts an alert (JSON) to URL after each assessment that states the figures of report"
                + " days for the first time or revises them (repeatable)")
    void webhooks(List<String> values) {
      // picocli passes every value given so far, each time the option is given
      List<URI> checked = new ArrayList<>();
      for (String value : values) {
        try {
          URI u = new URI(value);
          Webhooks.checkUrl(u);
          checked.add(u);
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(
              mixee.commandLine(),
              "--webhook "
                  + value
                  + ": "
                  + (e instanceof URISyntaxException ? "not a URL" : e.getMessage()));
        }
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

    /**
     * The alerts asked for, with {@code delays} between attempts, checked before anything is
     * opened; empty without {@code --webhook}.
     */
    Optional<Webhooks> open(List<Duration> delays) throws IOException {
      if (urls.isEmpty()) {
        if (secretFile != null) {
          throw new picocli.CommandLine.ParameterException(
              mixee.commandLine(), "--webhook-secret-file needs --webhook URL");
        }
        return Optional.empty();
      }
      Optional<String> secret = Optional.empty();
      if (secretFile != null) {
        PathChecks.inputFile(secretFile);
        String key = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        if (key.isEmpty()) {
          throw new InputFailure(secretFile + ": is empty; the webhook secret file holds the key");
        }
        secret = Optional.of(key);
      }
      return Optional.of(new Webhooks(new Webhooks.Settings(urls, secret, delays)));
    }

    /** Where alerts go, for a line of output. */
    String describe() {
      return String.join(", ", given) + (secretFile == null ? "" : " (signed)");
    }
  }
}
