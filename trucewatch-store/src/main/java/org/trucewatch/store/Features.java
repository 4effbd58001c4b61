package org.trucewatch.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A filtered, paged read of one layer, and its answer. */
public final class Features {
  private Features() {}

  /** The {@link Filter#sector} of what lies in no monitoring sector. */
  public static final String NO_SECTOR = "none";

  /**
   * What to select; every field is optional (null means no restriction).
   *
   * @param from the earliest time (inclusive)
   * @param to the latest time (exclusive)
   * @param day the report day
   * @param bbox min longitude, min latitude, max longitude, max latitude
   * @param oblast an oblast code such as {@code UA-14}
   * @param sector a monitoring sector's id in the terms, or {@link #NO_SECTOR} for what lies in
   *     none
   * @param side a side key such as {@code occupied}
   * @param verdict a verdict key such as {@code violation}
   * @param warRelated whether war-related
   * @param incident an incident id: its detections or findings, or the incident itself
   * @param review findings only: the status of the newest analyst's review that concerns the
   *     finding (one of {@link Rows.Review#STATUSES}), or {@link #NO_REVIEW} for findings that none
   *     concerns
   */
  public record Filter(
      Instant from,
      Instant to,
      LocalDate day,
      double[] bbox,
      String oblast,
      String sector,
      String side,
      String verdict,
      Boolean warRelated,
      String incident,
      String review) {
    /** No restriction. */
    public static final Filter ALL =
        new Filter(null, null, null, null, null, null, null, null, null, null, null);

    /** This filter with another time range. */
    public Filter during(Instant from, Instant to) {
      return new Filter(
          from, to, day, bbox, oblast, sector, side, verdict, warRelated, incident, review);
    }
  }

  /** The {@link Filter#review} of findings that no analyst's review concerns. */
  public static final String NO_REVIEW = "none";

  /**
   * {@code review} as a {@link Filter#review}: null, {@link #NO_REVIEW} or a review's status.
   *
   * @throws IllegalArgumentException naming the values it may take and the value
   */
  public static String review(String review) {
    if (review == null || review.equals(NO_REVIEW) || Rows.Review.STATUSES.contains(review)) {
      return review;
    }
    throw new IllegalArgumentException(
        "review must be "
            + NO_REVIEW
            + " or one of "
            + String.join(", ", Rows.Review.STATUSES)
            + ", was "
            + review);
  }

  /**
   * One feature: its id, point and properties (column name to value: String, Long, Integer, Double,
   * Boolean, Instant, LocalDate or null; a finding's {@code evidence} is its rows as a JSON array,
   * read once by the store, which withholds what the reader may not see).
   */
  public record Feature(
      String id, double longitude, double latitude, Map<String, Object> properties) {}

  /** A page of features and how many match the filter in all. */
  public record Page(List<Feature> features, long matched) {}
}
