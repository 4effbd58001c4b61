package org.trucewatch.scoring;

/**
 * The 0.1° grid. A cell is named by its centre: {@code round(lon × 10)} and {@code round(lat × 10)}
 * tenths of a degree, so the cell 33.9, 44.8 covers longitudes 33.85 to 33.95.
 */
public final class Cells {
  private static final int OFFSET_X = 1800;
  private static final int OFFSET_Y = 900;
  private static final int SPAN_Y = 1801;

  private Cells() {}

  /** The cell key of a point. */
  public static int key(double latitude, double longitude) {
    return key((int) Math.round(longitude * 10), (int) Math.round(latitude * 10));
  }

  /** The cell key of tenth-degree indices. */
  public static int key(int tenthLon, int tenthLat) {
    return (tenthLon + OFFSET_X) * SPAN_Y + (tenthLat + OFFSET_Y);
  }

  /** Tenth-degree longitude index of a key. */
  public static int tenthLon(int key) {
    return key / SPAN_Y - OFFSET_X;
  }

  /** Tenth-degree latitude index of a key. */
  public static int tenthLat(int key) {
    return key % SPAN_Y - OFFSET_Y;
  }

  /** The centre longitude of a cell. */
  public static double centreLon(int key) {
    return tenthLon(key) / 10.0;
  }

  /** The centre latitude of a cell. */
  public static double centreLat(int key) {
    return tenthLat(key) / 10.0;
  }

  /** A readable id such as {@code 33.9_44.8} (centre longitude, latitude). */
  public static String label(int key) {
    return formatTenth(tenthLon(key)) + "_" + formatTenth(tenthLat(key));
  }

  private static String formatTenth(int tenth) {
    String sign = tenth < 0 ? "-" : "";
    int a = Math.abs(tenth);
    return sign + (a / 10) + "." + (a % 10);
  }
}
