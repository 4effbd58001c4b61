package org.trucewatch.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.trucewatch.geo.Distances;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.observation.Observation;
import org.trucewatch.scoring.ClassifiedDetection;

/**
 * Groups detections into incidents by single linkage: two detections belong to one incident when
 * they are within {@link IncidentParams#maxDistanceMetres} and {@link IncidentParams#maxGapMinutes}
 * of each other, and so does everything linked to either. The result does not depend on input
 * order, and an incident's id is a hash of its members' content, so a re-run gives the same ids.
 */
public final class IncidentClusterer {
  private static final double COS_70 = Math.cos(Math.toRadians(70));
  private final IncidentParams params;

  public IncidentClusterer(IncidentParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** Clusters the detections; incidents are ordered by first time, then id. */
  public List<Incident> cluster(List<ClassifiedDetection> detections, GeoContext geo) {
    List<ClassifiedDetection> sorted = new ArrayList<>(detections);
    sorted.sort(ORDER);
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
    Map<Integer, List<ClassifiedDetection>> groups = new HashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(sorted.get(i));
    }
    List<Incident> out = new ArrayList<>();
    for (List<ClassifiedDetection> members : groups.values()) {
      out.add(toIncident(members, geo));
    }
    out.sort(Comparator.comparing(Incident::first).thenComparing(Incident::id));
    return out;
  }

  private static final Comparator<ClassifiedDetection> ORDER =
      Comparator.comparing((ClassifiedDetection d) -> d.observation().time())
          .thenComparing(d -> d.observation().provenance().file())
          .thenComparingLong(d -> d.observation().provenance().line());

  private static Incident toIncident(List<ClassifiedDetection> members, GeoContext geo) {
    double lat = 0;
    double lon = 0;
    TreeSet<String> sources = new TreeSet<>();
    List<String> hashes = new ArrayList<>();
    for (ClassifiedDetection d : members) {
      Observation o = d.observation();
      lat += o.latitude();
      lon += o.longitude();
      sources.add(o.sensor().key());
      String h = o.provenance().contentHash();
      hashes.add(h.isEmpty() ? o.provenance().file() + ":" + o.provenance().line() : h);
    }
    lat /= members.size();
    lon /= members.size();
    hashes.sort(null);
    return new Incident(
        "I-" + sha256(String.join("\n", hashes)).substring(0, 12),
        members,
        members.get(0).observation().time(),
        members.get(members.size() - 1).observation().time(),
        lat,
        lon,
        geo.place(lat, lon),
        sources);
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
