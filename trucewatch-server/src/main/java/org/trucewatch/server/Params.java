package org.trucewatch.server;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.geo.Side;
import org.trucewatch.store.Features;
import org.trucewatch.store.Layer;

/** Query parameters, checked, with an error that names the parameter and the value. */
final class Params {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  /** The filters of the read endpoints, as {@link #filter} reads them. */
  static final List<String> FILTERS =
      List.of(
          "from",
          "to",
          "day",
          "bbox",
          "oblast",
          "sector",
          "side",
          "verdict",
          "war_related",
          "incident",
          "review");

  private Params() {}

  /** The filters of placed and assessed features, which surveillance reports do not take. */
  private static final List<String> ASSESSED =
      List.of("day", "oblast", "sector", "side", "verdict", "war_related", "incident");

  /**
   * The parameters that a layer's items take, of {@code params}: all of them, except that findings
   * are not war-related or not (their incident is), so they do not take {@code war_related}, only
   * findings are reviewed ({@code review}), and surveillance reports take time and place only.
   */
  static List<String> takenBy(Layer layer, List<String> params) {
    if (!layer.assessed()) {
      return params.stream().filter(p -> !ASSESSED.contains(p) && !p.equals("review")).toList();
    }
    return params.stream()
        .filter(p -> !p.equals(layer == Layer.FINDINGS ? "war_related" : "review"))
        .toList();
  }

  /**
   * Refuses a query parameter that the endpoint does not take (a misspelt filter would otherwise be
   * ignored and the answer would hold everything) and a parameter given more than once (only one of
   * its values would count).
   *
   * @param known the parameters the endpoint takes, in the order the message lists them
   */
  static void requireKnown(Context ctx, List<String> known) {
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!known.contains(e.getKey())) {
        throw ApiError.badRequest(
            "unknown_parameter",
            "unknown query parameter "
                + e.getKey()
                + "; "
                + ctx.path()
                + (known.isEmpty() ? " takes none" : " takes " + String.join(", ", known)));
      }
      if (e.getValue().size() > 1) {
        throw ApiError.badRequest(
            "invalid_parameter",
            e.getKey() + " is given " + e.getValue().size() + " times; give it once");
      }
    }
  }

  /**
   * The filter of the read endpoints: from, to, day, bbox, oblast, sector, side, verdict,
   * war_related, incident.
   *
   * @param sectors the ids of the current terms' monitoring sectors, which {@code sector} may name
   *     besides {@code none}; asked for only when a request names a sector
   */
  static Features.Filter filter(Context ctx, Supplier<List<String>> sectors) {
    return filter(ctx, sectors, bbox(ctx.queryParam("bbox")));
  }

  /** The filter of {@link #filter(Context, Supplier)} with {@code bbox} read by the caller. */
  static Features.Filter filter(Context ctx, Supplier<List<String>> sectors, double[] bbox) {
    Instant from = instant(ctx, "from");
    Instant to = instant(ctx, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "to must not be before from, was from="
              + ctx.queryParam("from")
              + " to="
              + ctx.queryParam("to"));
    }
    return new Features.Filter(
        from,
        to,
        day(ctx, "day"),
        bbox,
        oblast(ctx.queryParam("oblast")),
        sector(ctx.queryParam("sector"), sectors),
        side(ctx.queryParam("side")),
        verdict(ctx.queryParam("verdict")),
        bool(ctx, "war_related"),
        ctx.queryParam("incident"),
        review(ctx.queryParam("review")));
  }

  private static String review(String v) {
    try {
      return Features.review(v);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_parameter", e.getMessage());
    }
  }

  static int limit(Context ctx, int dflt) {
    String v = ctx.queryParam("limit");
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return Math.min(n, MAX_LIMIT);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "limit must be a whole number from 1 to " + MAX_LIMIT + ", was " + v);
    }
  }

  static long offset(Context ctx) {
    return nonNegative(ctx, "offset");
  }

  /** Query parameter {@code name}, a whole number of at least 0; 0 when it is not given. */
  static long nonNegative(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return 0;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          "invalid_parameter", name + " must be a whole number >= 0, was " + v);
    }
  }

  static Instant instant(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null ? null : instant(name, v);
  }

  /** An instant as RFC 3339 ({@code 2025-08-16T02:10:00Z}) or a date (its start, UTC). */
  static Instant instant(String name, String v) {
    try {
      if (isDate(v)) {
        return LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeException e) {
      throw ApiError.badRequest(
          "invalid_parameter",
          name
              + " must be an RFC 3339 time such as 2025-08-16T02:10:00Z or a date, was "
              + v
              + (v.indexOf(' ') >= 0
                  ? " (a + in a query string is read as a space: write it as %2B)"
                  : ""));
    }
  }

  /** Whether a time parameter is a date alone ({@code 2025-08-16}), which stands for a UTC day. */
  static boolean isDate(String v) {
    return v.length() == 10;
  }

  /**
   * The {@code from} and {@code to} days of a request, refused when {@code to} is before {@code
   * from}.
   */
  static LocalDate[] days(Context ctx) {
    LocalDate from = day(ctx, "from");
    LocalDate to = day(ctx, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw ApiError.badRequest(
          "invalid_parameter", "to must not be before from, was from=" + from + " to=" + to);
    }
    return new LocalDate[] {from, to};
  }

  /** The media type of each {@code format}. */
  private static final Map<String, String> MEDIA_TYPES =
      Map.of(
          "json",
          "application/json",
          "geojson",
          "application/geo+json",
          "csv",
          "text/csv",
          "cap",
          Cap.MEDIA_TYPE);

  /**
   * The answer's format, one of {@code allowed} (the first is the default): the {@code format}
   * parameter, else the one the {@code Accept} header prefers (a client such as a spreadsheet or a
   * GIS may send {@code text/csv} or {@code application/geo+json} and no parameter). A wildcard, or
   * no header, takes the default; an {@code Accept} that names none of them is 406, naming the
   * media types there are.
   */
  static String format(Context ctx, String... allowed) {
    String v = ctx.queryParam("format");
    if (v == null) {
      ctx.res().addHeader("Vary", "Accept");
      return accepted(ctx.header("Accept"), allowed);
    }
    if (!List.of(allowed).contains(v)) {
      throw ApiError.badRequest(
          "invalid_parameter", "format must be " + String.join(", ", allowed) + "; was " + v);
    }
    return v;
  }

  /**
   * The format of {@code allowed} that an {@code Accept} header prefers: the highest quality, where
   * a format's quality is that of the most specific media range that matches it ({@code text/csv},
   * then {@code text/*}, then {@code *}{@code /*}), and of equal quality the one listed first in
   * {@code allowed}.
   */
  static String accepted(String accept, String... allowed) {
    if (accept == null || accept.isBlank()) {
      return allowed[0];
    }
    String best = null;
    double bestQ = 0;
    for (String f : allowed) {
      String media = MEDIA_TYPES.get(f);
      String[] ranges = {media, media.substring(0, media.indexOf('/')) + "/*", "*/*"};
      int specificity = ranges.length;
      double q = 0;
      for (String range : accept.split(",")) {
        // ";" alone splits into nothing: no media range
        String[] parts = range.split(";");
        if (parts.length == 0) {
          continue;
        }
        int s = List.of(ranges).indexOf(parts[0].strip().toLowerCase(Locale.ROOT));
        if (s >= 0 && s < specificity) {
          specificity = s;
          q = quality(parts);
        }
      }
      if (q > bestQ) {
        best = f;
        bestQ = q;
      }
    }
    if (best == null) {
      throw new ApiError(
          406,
          "not_acceptable",
          "this answer is "
              + String.join(", ", Arrays.stream(allowed).map(MEDIA_TYPES::get).toList())
              + " (format="
              + String.join(", ", allowed)
              + "), none of which the Accept header takes: "
              + accept);
    }
    return best;
  }

  /** The {@code q} of a media range split at its semicolons: 1 when absent, 0 when unreadable. */
  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip();
      if (param.startsWith("q=")) {
        try {
          return Double.parseDouble(param.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  static LocalDate day(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null ? null : day(name, v);
  }

  /** A date {@code YYYY-MM-DD}, or 400 naming the parameter and the value. */
  static LocalDate day(String name, String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeException e) {
      throw ApiError.badRequest(
          "invalid_parameter", name + " must be a date such as 2025-08-16, was " + v);
    }
  }

  static double[] bbox(String v) {
    if (v == null) {
      return null;
    }
    String[] p = v.split(",");
    if (p.length != 4 && p.length != 6) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "bbox must be four numbers: min longitude, min latitude, max longitude, max latitude;"
              + " was "
              + v);
    }
    double[] b = new double[4];
    int z = p.length == 6 ? 1 : 0;
    try {
      b[0] = Double.parseDouble(p[0].trim());
      b[1] = Double.parseDouble(p[1].trim());
      b[2] = Double.parseDouble(p[2 + z].trim());
      b[3] = Double.parseDouble(p[3 + z].trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_parameter", "bbox must be numbers, was " + v);
    }
    // written so that NaN fails every comparison and is refused
    if (!(b[1] <= b[3]
        && b[1] >= -90
        && b[3] <= 90
        && b[0] >= -180
        && b[2] <= 180
        && b[0] <= b[2])) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "bbox must lie within -180,-90,180,90 with min before max, was " + v);
    }
    return b;
  }

  private static String oblast(String v) {
    if (v != null && !v.matches("[A-Z]{2}-[0-9A-Z]{1,3}")) {
      throw ApiError.badRequest(
          "invalid_parameter", "oblast must be a code such as UA-14, was " + v);
    }
    return v;
  }

  /**
   * A monitoring sector's id, or {@code none}; an id that the current terms do not give is refused
   * (it would match nothing, as a misspelt one would); before an assessment there are none.
   */
  private static String sector(String v, Supplier<List<String>> known) {
    if (v == null || v.equals(Features.NO_SECTOR)) {
      return v;
    }
    List<String> sectors = known.get();
    if (sectors.contains(v)) {
      return v;
    }
    throw ApiError.badRequest(
        "invalid_parameter",
        "sector must be "
            + (sectors.isEmpty()
                ? Features.NO_SECTOR + " (the terms have no monitoring sectors)"
                : "one of " + String.join(", ", sectors) + " or " + Features.NO_SECTOR)
            + ", was "
            + v);
  }

  private static final Set<String> SIDES =
      Set.of(
          Side.OCCUPIED.key(),
          Side.GOVERNMENT_CONTROLLED.key(),
          Side.OUTSIDE_UKRAINE.key(),
          Side.UNKNOWN.key());

  private static String side(String v) {
    if (v != null && !SIDES.contains(v)) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "side must be one of " + new java.util.TreeSet<>(SIDES) + ", was " + v);
    }
    return v;
  }

  private static String verdict(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Verdict.ofKey(v).key();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "verdict must be one of violation, probable-violation, possible, background,"
              + " out-of-scope, inconclusive; was "
              + v);
    }
  }

  private static Boolean bool(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return null;
    }
    return switch (v) {
      case "true", "1" -> Boolean.TRUE;
      case "false", "0" -> Boolean.FALSE;
      default ->
          throw ApiError.badRequest("invalid_parameter", name + " must be true or false, was " + v);
    };
  }
}
