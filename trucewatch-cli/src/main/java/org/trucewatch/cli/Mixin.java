package org.trucewatch.cli;

import java.util.ArrayList;
import java.util.List;
import org.trucewatch.server.Server;
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
    void corsOrigin(String value) {
      if (!value.equals("*") && !value.matches("https?://[^/?#\\s]+")) {
        throw new picocli.CommandLine.ParameterException(
            mixee.commandLine(),
            "--cors-origin must be * or an origin: http(s)://host, with a port if not the"
                + " scheme's, and no path, was "
                + value);
      }
      corsOrigins.add(value);
    }

    Server.Options options() {
      return new Server.Options(host, port, tiles, tilesAttribution, corsOrigins);
    }
  }
}
