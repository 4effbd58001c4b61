package org.trucewatch.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.Sector;
import org.trucewatch.incident.Incident;

/** incidents.geojson: one Point feature per incident (RFC 7946: WGS 84, longitude first). */
public final class IncidentsGeoJson {
  private IncidentsGeoJson() {}

  public static String render(ReportInput in) {
    ObjectMapper m = new ObjectMapper();
    Map<String, List<Finding>> byIncident = new HashMap<>();
    for (Finding f : in.findings()) {
      byIncident.computeIfAbsent(f.incidentId(), k -> new java.util.ArrayList<>()).add(f);
    }
    ObjectNode root = m.createObjectNode();
    root.put("type", "FeatureCollection");
    ArrayNode features = root.putArray("features");
    for (Incident i : in.incidents()) {
      ObjectNode f = features.addObject();
      f.put("type", "Feature");
      f.put("id", i.id());
      ObjectNode g = f.putObject("geometry");
      g.put("type", "Point");
      ArrayNode c = g.putArray("coordinates");
      c.add(degrees(i.longitude()));
      c.add(degrees(i.latitude()));
      ObjectNode p = f.putObject("properties");
      p.put("id", i.id());
      p.put("first", i.first().toString());
      p.put("last", i.last().toString());
      p.put("report_day", in.report().terms().reportDay(i.first()).toString());
      p.put("detections", i.detections().size());
      p.put("reports", i.reports().size());
      p.put("sources", String.join(",", i.sources()));
      p.put("corroborated", i.corroborated());
      p.put("war_related", i.warRelated());
      p.put("side", i.place().side().key());
      p.put("oblast_code", i.place().regionCode());
      p.put("oblast", i.place().regionName());
      Optional<Sector> sector = in.truce().sectorAt(i.latitude(), i.longitude());
      p.put("sector_id", sector.map(Sector::id).orElse(""));
      p.put("sector", sector.map(Sector::name).orElse(""));
      double d = i.place().distanceToLineMetres();
      if (Double.isNaN(d)) {
        p.putNull("distance_to_line_m");
      } else {
        p.put("distance_to_line_m", Math.round(d));
      }
      Finding worst = Finding.mostSerious(byIncident.getOrDefault(i.id(), List.of()));
      p.put("verdict", worst == null ? null : worst.verdict().key());
      ArrayNode fs = p.putArray("findings");
      for (Finding fi : byIncident.getOrDefault(i.id(), List.of())) {
        fs.add(fi.id() + "=" + fi.verdict().key());
      }
      p.put("method_version", in.report().methodVersion());
    }
    try {
      return m.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("incidents.geojson could not be written", e);
    }
  }

  /**
   * A centroid's coordinate as it is published (here, in report.json and by the server's API):
   * seven decimals (about 1 cm), as RFC 7946 recommends no more precision than meaningful.
   */
  public static double degrees(double v) {
    return Math.round(v * 1e7) / 1e7;
  }
}
