package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trucewatch.scoring.Cells;
import org.trucewatch.store.Features;

/** Features as JSON objects, GeoJSON features and CSV rows. */
final class FeatureOutput {
  private final ObjectMapper json;

  FeatureOutput(ObjectMapper json) {
    this.json = json;
  }

  /** The properties as a JSON object. */
  ObjectNode properties(Features.Feature f) {
    ObjectNode p = json.createObjectNode();
    for (Map.Entry<String, Object> e : f.properties().entrySet()) {
      put(p, e.getKey(), present(e.getKey(), e.getValue()));
    }
    return p;
  }

  /** An RFC 7946 feature: a point, WGS 84 longitude/latitude. */
  ObjectNode geoJson(Features.Feature f) {
    ObjectNode n = json.createObjectNode();
    n.put("type", "Feature");
    n.put("id", f.id());
    ObjectNode g = n.putObject("geometry");
    g.put("type", "Point");
    g.putArray("coordinates").add(f.longitude()).add(f.latitude());
    n.set("properties", properties(f));
    return n;
  }

  /** A CSV table with a header row of the given columns. */
  static String csv(List<String> columns, List<Features.Feature> features) {
    List<List<String>> rows = new java.util.ArrayList<>(features.size());
    for (Features.Feature f : features) {
      List<String> row = new java.util.ArrayList<>(columns.size());
      for (String c : columns) {
        Object v = present(c, f.properties().get(c));
        row.add(v == null ? "" : v.toString());
      }
      rows.add(row);
    }
    return table(columns, rows);
  }

  /** A CSV table (RFC 4180 quoting, LF line ends) with a header row. */
  static String table(List<String> header, List<List<String>> rows) {
    StringWriter sw = new StringWriter();
    try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(sw)) {
      w.writeRecord(header);
      for (List<String> row : rows) {
        w.writeRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw.toString();
  }

  /**
   * A stored value as the API gives it, in the form {@code classify} writes the same quantity: the
   * cell as its label ({@code 37.2_48.3}, not the store's key), the distance to the line in whole
   * metres, the expectation to four decimals and the p-value to three significant digits, the time
   * precision and confidence in lower case, and no FIRMS type where the file had none.
   */
  static Object present(String column, Object v) {
    if (v == null) {
      return null;
    }
    return switch (column) {
      case "cell" -> v instanceof Number n ? Cells.label(n.intValue()) : v;
      case "distance_m" -> v instanceof Number n ? Long.valueOf(Math.round(n.doubleValue())) : v;
      case "expected" ->
          v instanceof Number n ? Double.valueOf(Math.round(n.doubleValue() * 1e4) / 1e4) : v;
      case "p_value" ->
          v instanceof Number n
              ? Double.valueOf(String.format(Locale.ROOT, "%.3g", n.doubleValue()))
              : v;
      case "fire_type" -> v instanceof Number n && n.intValue() < 0 ? null : v;
      case "time_precision", "confidence" -> v.toString().toLowerCase(Locale.ROOT);
      default -> v;
    };
  }

  private void put(ObjectNode p, String k, Object v) {
    if (v == null) {
      p.putNull(k);
    } else if (v instanceof Boolean b) {
      p.put(k, b);
    } else if (v instanceof Integer i) {
      p.put(k, i);
    } else if (v instanceof Long l) {
      p.put(k, l);
    } else if (v instanceof Number n) {
      p.put(k, n.doubleValue());
    } else if (v instanceof JsonNode n) {
      p.set(k, n);
    } else {
      p.put(k, v.toString());
    }
  }
}
