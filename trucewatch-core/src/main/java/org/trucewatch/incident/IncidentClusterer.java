package org.trucewatch.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.trucewatch.geo.Distances;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.scoring.ClassifiedDetection;

/**
 * Groups observations into incidents.
 *
 * <p>Detections are grouped by single linkage: two detections belong to one incident when they are
 * within {@link IncidentParams#maxDistanceMetres} and {@link IncidentParams#maxGapMinutes} of each
 * other, and so does everything linked to either.
 *
 * <p>Surveillance reports are grouped among themselves the same way, where the distance allowed
 * grows by each report's location uncertainty. A group of reports then joins the incident of the
 * detection nearest to any of its reports within that reach and gap (the nearest, so that a report
 * with a wide uncertainty never merges two incidents of detections); a group that reaches none is
 * an incident of its own. An incident with detections is placed at their mean position, an incident
 * of reports alone at the mean of their points.
 *
 * <p>The result does not depend on input order, and an incident's id is a hash of its members'
 * content, so a re-run gives the same ids.
 */
public final class IncidentClusterer {
  private static final double COS_70 = Math.cos(Math.toRadians(70));
  private final IncidentParams params;

  public IncidentClusterer(IncidentParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** Clusters the detections; incidents are ordered by first time, then id. */
  public List<Incident> cluster(List<ClassifiedDetection> detections, GeoContext geo) {
    return cluster(detections, List.of(), geo);
  }

  /** Clusters detections and reports; incidents are ordered by first time, then id. */
  public List<Incident> cluster(
      List<ClassifiedDetection> detections, List<PlacedReport> reports, GeoContext geo) {
    List<ClassifiedDetection> sorted = new ArrayList<>(detections);
    sorted.sort(ORDER);
    int[] groupOf = new int[sorted.size()];
    List<List<ClassifiedDetection>> groups = detectionGroups(sorted, groupOf);
    Map<Integer, List<PlacedReport>> attached = new HashMap<>();
    List<List<PlacedReport>> alone = new ArrayList<>();
    for (List<PlacedReport> rg : reportGroups(reports)) {
      int nearest = nearestDetection(sorted, rg);
      if (nearest < 0) {
        alone.add(rg);
      } else {
        attached.computeIfAbsent(groupOf[nearest], g -> new ArrayList<>()).addAll(rg);
      }
    }
    List<Incident> out = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<PlacedReport> rs = attached.getOrDefault(g, List.of());
      out.add(toIncident(groups.get(g), sortedReports(rs), geo));
    }
    for (List<PlacedReport> rg : alone) {
      out.add(toIncident(List.of(), sortedReports(rg), geo));
    }
    out.sort(Comparator.comparing(Incident::first).thenComparing(Incident::id));
    return out;
  }

  /**
   * Single-linkage groups of detections sorted by {@link #ORDER}, each in that order; {@code
   * groupOf[i]} is set to the group of {@code sorted.get(i)}.
   */
  private List<List<ClassifiedDetection>> detectionGroups(
      List<ClassifiedDetection> sorted, int[] groupOf) {
    int n = sorted.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    long gapSeconds = params.maxGapMinutes() * 60;
    double cellDeg = params.maxDistanceMetres() / 111_000.0;
    // sweep in time order, keeping a spatial hash of the detections inside the time window
    Map<Long, List<Integer>> grid = new HashMap<>();
    int windowStart = 0;
    for (int i = 0; i < n; i++) {
      Observation o = sorted.get(i).observation();
      long t = o.time().getEpochSecond();
      while (windowStart < i
          && t - sorted.get(windowStart).observation().time().getEpochSecond() > gapSeconds) {
        Observation old = sorted.get(windowStart).observation();
        grid.get(gridKey(old, cellDeg)).remove(Integer.valueOf(windowStart));
        windowStart++;
      }
      long key = gridKey(o, cellDeg);
      int gx = (int) (key >> 32);
      int gy = (int) key;
      for (int dx = -1; dx <= 1; dx++) {
        for (int dy = -1; dy <= 1; dy++) {
          List<Integer> cell = grid.get(((long) (gx + dx) << 32) | ((gy + dy) & 0xFFFFFFFFL));
          if (cell == null) {
            continue;
          }
          for (int j : cell) {
            Observation p = sorted.get(j).observation();
            double d =
                Distances.haversineMetres(o.longitude(), o.latitude(), p.longitude(), p.latitude());
            if (d <= params.maxDistanceMetres()) {
              union(parent, i, j);
            }
          }
        }
      }
      grid.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    Map<Integer, Integer> indexOfRoot = new HashMap<>();
    List<List<ClassifiedDetection>> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int g =
          indexOfRoot.computeIfAbsent(
              find(parent, i),
              r -> {
                groups.add(new ArrayList<>());
                return groups.size() - 1;
              });
      groups.get(g).add(sorted.get(i));
      groupOf[i] = g;
    }
    return groups;
  }

  /** Single-linkage groups of reports, where each report's uncertainty widens the reach. */
  private List<List<PlacedReport>> reportGroups(List<PlacedReport> reports) {
    List<PlacedReport> sorted = sortedReports(reports);
    int n = sorted.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    long gapSeconds = params.maxGapMinutes() * 60;
    for (int i = 0; i < n; i++) {
      SurveillanceReport a = sorted.get(i).report();
      for (int j = i + 1; j < n; j++) {
        SurveillanceReport b = sorted.get(j).report();
        if (b.time().getEpochSecond() - a.time().getEpochSecond() > gapSeconds) {
          break;
        }
        double d =
            Distances.haversineMetres(a.longitude(), a.latitude(), b.longitude(), b.latitude());
        if (d <= params.maxDistanceMetres() + a.uncertaintyMetres() + b.uncertaintyMetres()) {
          union(parent, i, j);
        }
      }
    }
    Map<Integer, List<PlacedReport>> groups = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(sorted.get(i));
    }
    return new ArrayList<>(groups.values());
  }

  /**
   * The index (in {@code sorted}) of the detection nearest to any report of the group, among those
   * within the reach and gap of that report, or -1 for none; ties go to the earlier detection.
   */
  private int nearestDetection(List<ClassifiedDetection> sorted, List<PlacedReport> group) {
    long gapSeconds = params.maxGapMinutes() * 60;
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (PlacedReport pr : group) {
      SurveillanceReport r = pr.report();
      long t = r.time().getEpochSecond();
      int from = firstAtOrAfter(sorted, t - gapSeconds);
      for (int i = from; i < sorted.size(); i++) {
        Observation o = sorted.get(i).observation();
        if (o.time().getEpochSecond() - t > gapSeconds) {
          break;
        }
        double d =
            Distances.haversineMetres(r.longitude(), r.latitude(), o.longitude(), o.latitude());
        if (d <= params.maxDistanceMetres() + r.uncertaintyMetres()
            && (d < bestD || (d == bestD && i < best))) {
          best = i;
          bestD = d;
        }
      }
    }
    return best;
  }

  private static int firstAtOrAfter(List<ClassifiedDetection> sorted, long epochSecond) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).observation().time().getEpochSecond() < epochSecond) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static final Comparator<ClassifiedDetection> ORDER =
      Comparator.comparing((ClassifiedDetection d) -> d.observation().time())
          .thenComparing(d -> d.observation().provenance().file())
          .thenComparingLong(d -> d.observation().provenance().line());

  private static final Comparator<PlacedReport> REPORT_ORDER =
      Comparator.comparing((PlacedReport r) -> r.report().time())
          .thenComparing(r -> r.report().provenance().file())
          .thenComparingLong(r -> r.report().provenance().line())
          .thenComparing(r -> r.report().identity());

  private static List<PlacedReport> sortedReports(List<PlacedReport> reports) {
    List<PlacedReport> sorted = new ArrayList<>(reports);
    sorted.sort(REPORT_ORDER);
    return sorted;
  }

  private static Incident toIncident(
      List<ClassifiedDetection> members, List<PlacedReport> reports, GeoContext geo) {
    double lat = 0;
    double lon = 0;
    TreeSet<String> sources = new TreeSet<>();
    List<String> hashes = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    for (ClassifiedDetection d : members) {
      Observation o = d.observation();
      lat += o.latitude();
      lon += o.longitude();
      sources.add(o.sensor().key());
      hashes.add(hashOf(o.provenance()));
      first = min(first, o.time());
      last = max(last, o.time());
    }
    for (PlacedReport pr : reports) {
      SurveillanceReport r = pr.report();
      if (members.isEmpty()) {
        lat += r.latitude();
        lon += r.longitude();
      }
      sources.add(r.sourceKey());
      hashes.add(hashOf(r.provenance()));
      first = min(first, r.time());
      last = max(last, r.time());
    }
    int n = members.isEmpty() ? reports.size() : members.size();
    lat /= n;
    lon /= n;
    hashes.sort(null);
    return new Incident(
        "I-" + sha256(String.join("\n", hashes)).substring(0, 12),
        members,
        first,
        last,
        lat,
        lon,
        geo.place(lat, lon),
        sources,
        reports);
  }

  private static String hashOf(Provenance p) {
    return p.contentHash().isEmpty() ? p.file() + ":" + p.line() : p.contentHash();
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static long gridKey(Observation o, double cellDeg) {
    // a longitude cell is as wide as the distance up to 70° of latitude
    int gx = (int) Math.floor(o.longitude() / (cellDeg / COS_70));
    int gy = (int) Math.floor(o.latitude() / cellDeg);
    return ((long) gx << 32) | (gy & 0xFFFFFFFFL);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
