package org.trucewatch.cli;

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

    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "8080",
        description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(
        names = "--tiles",
        paramLabel = "URL",
        defaultValue = "",
        description =
            "Tile URL template for the map's base layer, such as"
                + " https://tile.example.org/{z}/{x}/{y}.png (default: none, works offline)")
    String tiles;

    @Option(
        names = "--tiles-attribution",
        paramLabel = "TEXT",
        defaultValue = "",
        description = "Attribution shown for the tiles")
    String tilesAttribution;

    Server.Options options() {
      return new Server.Options(host, port, tiles, tilesAttribution);
    }
  }
}
