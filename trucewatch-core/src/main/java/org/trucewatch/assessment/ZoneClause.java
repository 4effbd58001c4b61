package org.trucewatch.assessment;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A clause that forbids something inside zones of the terms: its id and its zones. */
public abstract sealed class ZoneClause implements Clause
    permits ThermalActivityInZoneClause, ReportedActivityInZoneClause {
  /** A local time as the reasoning writes it: {@code 16 August 2025 02:20}. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", Locale.ROOT);

  /** The clause's id in the terms. */
  final String id;

  /** The zones' ids, as the terms list them. */
  final List<String> zoneIds;

  private final String description;

  ZoneClause(String id, List<String> zoneIds, String description) {
    this.id = Objects.requireNonNull(id, "id");
    this.zoneIds = List.copyOf(zoneIds);
    this.description = Objects.requireNonNull(description, "description");
    if (zoneIds.isEmpty()) {
      throw new IllegalArgumentException("clause " + id + " needs at least one zone");
    }
  }

  @Override
  public String id() {
    return id;
  }

  public List<String> zoneIds() {
    return zoneIds;
  }

  @Override
  public String description() {
    return description;
  }
}
