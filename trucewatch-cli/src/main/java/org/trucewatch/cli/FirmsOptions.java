package org.trucewatch.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trucewatch.server.FirmsFetch;
import picocli.CommandLine.Option;

/**
 * What {@code serve} and {@code ingest} ask NASA FIRMS's area API for ({@code --firms-source}); how
 * often is {@code serve}'s {@link Every}.
 */
final class FirmsOptions {
  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  List<String> sources = List.of();

  @Option(
      names = "--firms-source",
      paramLabel = "SOURCE",
      description =
          "Asks NASA FIRMS's area API for the detections of SOURCE over the area of interest (serve:"
              + " once its port is open and then every --firms-every; ingest: once), and ingests"
              + " each answer (repeatable): VIIRS_NOAA20_NRT,"
              + " VIIRS_NOAA21_NRT, VIIRS_SNPP_NRT, MODIS_NRT, VIIRS_NOAA20_SP, VIIRS_SNPP_SP,"
              + " MODIS_SP; needs --firms-map-key-file")
  void sources(List<String> values) {
    List<String> checked = new ArrayList<>();
    for (String v : values) {
      try {
        checked.add(FirmsFetch.checkSource(v));
      } catch (IllegalArgumentException e) {
        throw usage("--firms-source: " + e.getMessage());
      }
    }
    sources = List.copyOf(checked);
  }

  @Option(
      names = "--firms-map-key-file",
      paramLabel = "FILE",
      description =
          "The MAP_KEY that FIRMS gives for its API (https://firms.modaps.eosdis.nasa.gov/api/"
              + "map_key/), in FILE; it is never logged or shown")
  Path keyFile;

  @Option(
      names = "--firms-days",
      paramLabel = "N",
      description =
          "How many days back each answer reaches, 1 to 5 (default 2: a pass published late is"
              + " still taken in; detections already stored are counted as duplicates)")
  int days = FirmsFetch.DAYS;

  URI api = FirmsFetch.NASA;

  @Option(
      names = "--firms-api",
      paramLabel = "URL",
      description =
          "Where FIRMS's API is served (default https://firms.modaps.eosdis.nasa.gov/): a mirror"
              + " or a proxy of it")
  void api(String value) {
    URI u = Mixin.uri(mixee.commandLine(), "--firms-api", value, Mixin::webAddress);
    api = u.getPath() != null && u.getPath().endsWith("/") ? u : URI.create(u + "/");
  }

  /**
   * The requests asked for, every {@code every}, or empty without {@code --firms-source}; bad usage
   * when the options do not go together, a failed input when the key cannot be read.
   */
  Optional<FirmsFetch.Settings> settings(Duration every) {
    if (sources.isEmpty()) {
      if (keyFile != null) {
        throw usage("--firms-map-key-file goes with --firms-source");
      }
      return Optional.empty();
    }
    if (keyFile == null) {
      throw usage("--firms-source needs --firms-map-key-file");
    }
    if (days < 1 || days > FirmsFetch.MAX_DAYS) {
      throw usage("--firms-days must be 1 to " + FirmsFetch.MAX_DAYS + ", was " + days);
    }
    PathChecks.inputFile(keyFile);
    String key;
    try {
      key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new InputFailure(keyFile + ": cannot be read: " + e.getMessage(), e);
    }
    try {
      return Optional.of(new FirmsFetch.Settings(api, key, sources, days, every));
    } catch (IllegalArgumentException e) {
      throw new InputFailure(keyFile + ": " + e.getMessage(), e);
    }
  }

  /** A period as the option takes it: {@code 90m}, {@code 3h}. */
  static String describe(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
  }

  private picocli.CommandLine.ParameterException usage(String message) {
    return new picocli.CommandLine.ParameterException(mixee.commandLine(), message);
  }

  /** How often {@code serve} asks FIRMS ({@code --firms-every}). */
  static final class Every {
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,4})(m|h)");

    /** The shortest period of requests: FIRMS publishes a pass some hours after it. */
    static final Duration SHORTEST = Duration.ofMinutes(10);

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    Duration every = FirmsFetch.HOURLY;

    @Option(
        names = "--firms-every",
        paramLabel = "PERIOD",
        description =
            "How often FIRMS is asked, in minutes or hours (30m, 3h; default 1h, at least 10m)")
    void every(String value) {
      Matcher m = PERIOD.matcher(value);
      Duration d =
          m.matches()
              ? Duration.ofMinutes(Long.parseLong(m.group(1)) * (m.group(2).equals("h") ? 60 : 1))
              : null;
      if (d == null || d.compareTo(SHORTEST) < 0) {
        throw new picocli.CommandLine.ParameterException(
            mixee.commandLine(),
            "--firms-every must be minutes or hours such as 30m or 3h, at least 10m; was " + value);
      }
      every = d;
    }
  }
}
