package org.trucewatch.store;

import java.util.Locale;

/** The kinds of features the store can be asked for. */
public enum Layer {
  /** Detections with their placement, score and incident. */
  OBSERVATIONS(
      "o.id",
      "o.acquired",
      "o.longitude",
      "o.latitude",
      "o.geom",
      "SELECT o.id, o.acquired AS time, o.latitude, o.longitude, o.instrument, o.satellite,"
          + " o.time_precision, o.confidence, o.confidence_pct, o.brightness_k, o.frp_mw,"
          + " o.scan_km, o.track_km, o.daynight, o.fire_type, o.file_name, o.line,"
          + " o.content_sha256, o.ingest_id, p.report_day, p.side, p.distance_m, p.oblast_code,"
          + " p.oblast, p.sector_id, p.sector, p.cell, p.cell_day_count, p.expected, p.p_value, p.war_related, p.rule,"
          + " p.incident_id, i.verdict"
          + " FROM observations o {PLACEMENTS} placements p ON p.observation_id = o.id"
          + " LEFT JOIN incidents i ON i.id = p.incident_id",
      "p"),
  /** Incidents with the verdict of their most serious finding. */
  INCIDENTS(
      "x.id",
      "x.first_time",
      "x.longitude",
      "x.latitude",
      "x.geom",
      "SELECT x.id, x.report_day, x.first_time, x.last_time, x.latitude, x.longitude,"
          + " x.detections, x.reports, x.sources, x.corroborated, x.war_related, x.side,"
          + " x.distance_m,"
          + " x.oblast_code, x.oblast, x.sector_id, x.sector, x.verdict FROM incidents x",
      "x"),
  /** Findings with their reasoning and evidence. */
  FINDINGS(
      "x.id",
      "x.first_time",
      "x.longitude",
      "x.latitude",
      "x.geom",
      "SELECT x.id, x.incident_id, x.clause_id, x.verdict, x.report_day, x.first_time,"
          + " x.latitude, x.longitude, x.side, x.oblast_code, x.oblast, x.sector_id, x.sector,"
          + " x.zones, x.reasoning, x.evidence FROM findings x",
      "x"),
  /**
   * Surveillance reports as their sources gave them, each only to the readers it is released to
   * (see {@link org.trucewatch.observation.Releasability}).
   */
  SURVEILLANCE_REPORTS(
      "r.id",
      "r.observed",
      "r.longitude",
      "r.latitude",
      null,
      "SELECT r.id, r.observed AS time, r.latitude, r.longitude, r.uncertainty_m, r.source_kind,"
          + " r.source_id, r.report_id, r.member_state, r.event, r.event_count, r.description,"
          + " r.time_precision, r.releasable_to, r.file_name, r.line, r.content_sha256,"
          + " r.ingest_id FROM surveillance_reports r",
      null);

  final String idColumn;
  final String timeColumn;
  final String lonColumn;
  final String latColumn;
  final String geomColumn;
  final String select;
  final String placementAlias;

  Layer(
      String idColumn,
      String timeColumn,
      String lonColumn,
      String latColumn,
      String geomColumn,
      String select,
      String placementAlias) {
    this.idColumn = idColumn;
    this.timeColumn = timeColumn;
    this.lonColumn = lonColumn;
    this.latColumn = latColumn;
    this.geomColumn = geomColumn;
    this.select = select;
    this.placementAlias = placementAlias;
  }

  /**
   * The name used in URLs: {@code observations}, {@code incidents}, {@code findings}, {@code
   * surveillance-reports}.
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Whether the layer's features are placed and assessed: filtered by report day, oblast, sector,
   * side, verdict or incident. Surveillance reports are not (their incidents are).
   */
  public boolean assessed() {
    return placementAlias != null;
  }

  /**
   * Whether what the layer serves depends on its reader: surveillance reports are served to the
   * readers they are released to, and a finding's evidence rows of reports show a report's point
   * and provenance only to them.
   */
  public boolean readerDependent() {
    return this == SURVEILLANCE_REPORTS || this == FINDINGS;
  }

  /** The column naming the incident. */
  String incidentColumn() {
    return switch (this) {
      case OBSERVATIONS -> "p.incident_id";
      case INCIDENTS -> "x.id";
      case FINDINGS -> "x.incident_id";
      case SURVEILLANCE_REPORTS -> throw new IllegalArgumentException("reports have no incident");
    };
  }

  /**
   * The select, joined to the placements as the filter needs: an inner join when a placement column
   * is filtered (so that the database can start from that column's index), else a left join
   * (observations not yet assessed have no placement).
   */
  String select(boolean placementFiltered) {
    return select.replace("{PLACEMENTS}", placementFiltered ? "JOIN" : "LEFT JOIN");
  }

  /** The verdict column: an observation shows its incident's verdict. */
  String verdictColumn() {
    return this == OBSERVATIONS ? "i.verdict" : "x.verdict";
  }
}
