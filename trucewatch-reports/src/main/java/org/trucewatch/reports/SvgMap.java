package org.trucewatch.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.assessment.Zone;
import org.trucewatch.assessment.ZoneKind;
import org.trucewatch.geo.Region;
import org.trucewatch.incident.Incident;

/**
 * The report's map as SVG: oblasts, the buffer and other zones, the incidents coloured by their
 * most serious verdict, and on top the line of contact at the truce's start. Plate carrée scaled
 * for 48.3° N.
 */
public final class SvgMap {
  static final double MIN_LON = 22.0;
  static final double MAX_LON = 40.5;
  static final double MIN_LAT = 44.2;
  static final double MAX_LAT = 52.5;
  static final double WIDTH = 900;
  private static final double KX = Math.cos(Math.toRadians(48.3));
  private static final double SCALE = WIDTH / ((MAX_LON - MIN_LON) * KX);
  static final double HEIGHT = Math.round((MAX_LAT - MIN_LAT) * SCALE);

  private SvgMap() {}

  public static String render(ReportInput in) {
    return render(in, "Map of the incidents", frame(in));
  }

  /**
   * What every map of one report draws alike: beneath the incidents the oblasts and zones, above
   * them the line of contact, the legend and the sources. The daily reports draw it once for all
   * their maps.
   */
  record Frame(String below, String above) {}

  /** The frame of {@code in}'s maps. */
  static Frame frame(ReportInput in) {
    StringBuilder sb = new StringBuilder();
    sb.append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#eef3f7\"/>");
    sb.append("<g id=\"oblasts\" fill=\"#fbfbf8\" stroke=\"#9a9a9a\" stroke-width=\"0.6\">");
    for (Region r : in.truce().geo().regions()) {
      sb.append("<path d=\"")
          .append(path(simplify(r.geometry())))
          .append("\"><title>")
          .append(Xml.esc(r.name()))
          .append("</title></path>");
    }
    sb.append("</g>");
    sb.append("<g id=\"zones\">");
    for (Zone z : in.report().terms().zones()) {
      String fill = z.kind() == ZoneKind.BUFFER ? "#f6d7a7" : "#c6dbef";
      sb.append("<path fill=\"")
          .append(fill)
          .append("\" fill-opacity=\"0.7\" stroke=\"none\" d=\"")
          .append(path(simplify(z.area())))
          .append("\"><title>")
          .append(Xml.esc(z.id()))
          .append("</title></path>");
    }
    sb.append("</g>");
    String below = sb.toString();
    sb = new StringBuilder();
    // the line of contact on top of the incidents, which crowd along it at this scale, with a
    // white casing so that it stays visible across them
    String line = path(in.truce().geo().lineOfContact().lonLat());
    sb.append(
            "<path id=\"line-of-contact-casing\" fill=\"none\" stroke=\"#fff\""
                + " stroke-width=\"3\" stroke-opacity=\"0.8\" d=\"")
        .append(line)
        .append("\"/>");
    sb.append(
            "<path id=\"line-of-contact\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.4\" d=\"")
        .append(line)
        .append("\"/>");
    double lx = 10;
    double ly = HEIGHT + 14;
    sb.append("<g id=\"legend\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#222\">");
    for (Verdict v : Verdict.values()) {
      // each verdict's marker as the map draws it, half as large again
      sb.append(marker(v, lx + 7, ly, LEGEND_SCALE, "", ""));
      sb.append(
          String.format(
              Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\">%s</text>", lx + 17, ly + 4, v.key()));
      lx += 25 + v.key().length() * 6.5;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"9\" fill=\"#f6d7a7\"/>",
            lx,
            ly - 5));
    sb.append(
        String.format(
            Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\">buffer zone</text>", lx + 18, ly + 4));
    sb.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#222\" stroke-width=\"1.4\"/>",
            lx + 95,
            ly,
            lx + 115,
            ly));
    sb.append(
        String.format(
            Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\">line of contact</text>", lx + 119, ly + 4));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"10\" y=\"%.0f\" font-size=\"9\" fill=\"#555\">Occupied area: DeepStateMap via"
                + " cyterat/deepstate-map-data (%s); oblasts: Natural Earth. Detections: NASA FIRMS.</text>",
            HEIGHT + 32,
            Xml.esc(in.report().terms().controlMap().source())));
    sb.append("</g>");
    return new Frame(below, sb.toString());
  }

  /**
   * The map of {@code in}'s incidents in {@code frame}, described to screen readers as {@code
   * label}.
   */
  static String render(ReportInput in, String label, Frame frame) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"map\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\">",
            WIDTH,
            HEIGHT + 40,
            WIDTH,
            HEIGHT + 40,
            Xml.esc(label)));
    sb.append(frame.below());
    Map<String, Finding> worst = new HashMap<>();
    Map<String, List<Finding>> byIncident = new HashMap<>();
    for (Finding f : in.findings()) {
      byIncident.computeIfAbsent(f.incidentId(), k -> new ArrayList<>()).add(f);
    }
    byIncident.forEach((k, v) -> worst.put(k, Finding.mostSerious(v)));
    List<Incident> order = new ArrayList<>(in.incidents());
    order.sort(
        Comparator.comparingInt(
                (Incident i) ->
                    -(worst.containsKey(i.id()) ? worst.get(i.id()).verdict().ordinal() : 99))
            .thenComparing(Incident::id));
    sb.append("<g id=\"incidents\">");
    for (Incident i : order) {
      Finding f = worst.get(i.id());
      Verdict v = f == null ? Verdict.OUT_OF_SCOPE : f.verdict();
      sb.append(
          marker(
              v,
              x(i.longitude()),
              y(i.latitude()),
              1,
              " class=\"incident " + v.key() + "\"",
              "<title>" + Xml.esc(i.id() + ": " + v.key()) + "</title>"));
    }
    sb.append("</g>");
    sb.append(frame.above());
    sb.append("</svg>");
    return sb.toString();
  }

  /** The shapes of the markers. */
  enum Shape {
    CIRCLE,
    SQUARE,
    DIAMOND
  }

  /**
   * How a verdict's marker is drawn.
   *
   * @param radius its radius (a square's and a diamond's half width), in map units
   * @param stroke its ring's colour: dark for the verdicts that may concern the truce, white (to
   *     part crowded markers) for the others
   * @param ring the ring's width
   * @param dash the ring's dashes, or null for a solid ring
   * @param shape its shape
   */
  record Mark(double radius, String stroke, double ring, String dash, Shape shape) {}

  /**
   * Each verdict's marker, so that no two verdicts differ by colour alone (WCAG 2.1, 1.4.1; a
   * report printed in grey keeps them apart), as the web map draws them: a violation's the largest
   * with the thickest ring, a probable violation's with a dashed ring, a possible one's smaller
   * with a thin ring; background incidents are small circles, out-of-scope ones smaller squares and
   * inconclusive ones diamonds.
   */
  static final Map<Verdict, Mark> MARKS =
      Map.of(
          Verdict.VIOLATION, new Mark(4.5, "#222", 1.2, null, Shape.CIRCLE),
          Verdict.PROBABLE_VIOLATION, new Mark(3.8, "#222", 0.9, "2 1", Shape.CIRCLE),
          Verdict.POSSIBLE, new Mark(3.2, "#222", 0.5, null, Shape.CIRCLE),
          Verdict.BACKGROUND, new Mark(2.2, "#fff", 0.4, null, Shape.CIRCLE),
          Verdict.OUT_OF_SCOPE, new Mark(1.6, "#fff", 0.4, null, Shape.SQUARE),
          Verdict.INCONCLUSIVE, new Mark(2.6, "#fff", 0.4, null, Shape.DIAMOND));

  /** The legend draws the markers this much larger than the map. */
  private static final double LEGEND_SCALE = 1.5;

  /**
   * The marker of verdict {@code v} centred on ({@code x}, {@code y}), {@code scale} times its size
   * on the map, with {@code attributes} and {@code content} (its title).
   */
  static String marker(
      Verdict v, double x, double y, double scale, String attributes, String content) {
    Mark m = MARKS.get(v);
    double r = m.radius() * scale;
    String style =
        String.format(
            Locale.ROOT,
            " fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"%s",
            Verdicts.COLOUR.get(v),
            m.stroke(),
            m.ring() * scale,
            m.dash() == null ? "" : " stroke-dasharray=\"" + m.dash() + "\"");
    String shape =
        switch (m.shape()) {
          case CIRCLE ->
              String.format(
                  Locale.ROOT, "<circle%s cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", attributes, x, y, r);
          case SQUARE ->
              String.format(
                  Locale.ROOT,
                  "<path%s d=\"M%.1f %.1fh%.1fv%.1fh%.1fz\"",
                  attributes,
                  x - r,
                  y - r,
                  2 * r,
                  2 * r,
                  -2 * r);
          case DIAMOND ->
              String.format(
                  Locale.ROOT,
                  "<path%s d=\"M%.1f %.1fl%.1f %.1fl%.1f %.1fl%.1f %.1fz\"",
                  attributes,
                  x,
                  y - r,
                  r,
                  r,
                  -r,
                  r,
                  -r,
                  -r);
        };
    String tag = m.shape() == Shape.CIRCLE ? "circle" : "path";
    return shape + style + (content.isEmpty() ? "/>" : ">" + content + "</" + tag + ">");
  }

  private static Geometry simplify(Geometry g) {
    return TopologyPreservingSimplifier.simplify(g, 0.01);
  }

  static double x(double lon) {
    return (lon - MIN_LON) * KX * SCALE;
  }

  static double y(double lat) {
    return (MAX_LAT - lat) * SCALE;
  }

  static String path(Geometry g) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Geometry part = g.getGeometryN(i);
      if (part instanceof Polygon p) {
        ring(sb, p.getExteriorRing().getCoordinates(), true);
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          ring(sb, p.getInteriorRingN(h).getCoordinates(), true);
        }
      } else if (part instanceof LineString ls) {
        ring(sb, ls.getCoordinates(), false);
      }
    }
    return sb.toString();
  }

  private static void ring(StringBuilder sb, Coordinate[] cs, boolean close) {
    for (int i = 0; i < cs.length; i++) {
      sb.append(i == 0 ? 'M' : 'L')
          .append(String.format(Locale.ROOT, "%.1f %.1f", x(cs[i].x), y(cs[i].y)));
    }
    if (close) {
      sb.append('Z');
    }
  }
}
