package org.trucewatch.observation;

import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who may see a surveillance report besides the mission and the member state that provided it: no
 * one else ({@code mission}, the default), every member state ({@code members}), anyone ({@code
 * public}), or the member states listed by code ({@code DE FR}). The mission's staff see every
 * report, and a member always sees the reports it provided.
 *
 * <p>It governs the report itself (its description, its provider, its exact place and uncertainty),
 * not the mission's findings, which cite a report by its source, event, time and place as the
 * mission states them.
 *
 * @param level the widest group it is released to
 * @param members with {@link Level#LISTED}, the member states it is released to, else empty
 */
public record Releasability(Level level, SortedSet<String> members) {
  /** The widest group a report is released to. */
  public enum Level {
    /** The mission and the provider only. */
    MISSION,
    /** The member states listed. */
    LISTED,
    /** Every member state. */
    MEMBERS,
    /** Anyone. */
    PUBLIC
  }

  /** The mission and the provider only: a report that says nothing of its release. */
  public static final Releasability MISSION = new Releasability(Level.MISSION, new TreeSet<>());

  /** Every member state. */
  public static final Releasability MEMBERS = new Releasability(Level.MEMBERS, new TreeSet<>());

  /** Anyone. */
  public static final Releasability PUBLIC = new Releasability(Level.PUBLIC, new TreeSet<>());

  public Releasability {
    Objects.requireNonNull(level, "level");
    members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
    if ((level == Level.LISTED) == members.isEmpty()) {
      throw new IllegalArgumentException("member states are listed with LISTED, and only with it");
    }
    for (String m : members) {
      if (!Audience.isCode(m)) {
        throw new IllegalArgumentException("not a member state's code: " + m);
      }
    }
  }

  /**
   * Parses the text of a file's {@code releasable_to} column: {@code mission}, {@code members},
   * {@code public}, or member states' two-letter codes separated by blanks, commas or semicolons;
   * case does not matter, and an empty text is {@code mission}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Releasability parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    switch (t) {
      case "", "MISSION":
        return MISSION;
      case "MEMBERS":
        return MEMBERS;
      case "PUBLIC":
        return PUBLIC;
      default:
        break;
    }
    TreeSet<String> codes = new TreeSet<>();
    for (String part : t.split("[\\s,;]+")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!Audience.isCode(part)) {
        throw new IllegalArgumentException(
            "releasable_to must be mission, members, public or member states' two-letter codes"
                + " (ISO 3166-1) such as DE FR, was "
                + text.trim());
      }
      codes.add(part);
    }
    return new Releasability(Level.LISTED, codes);
  }

  /**
   * The text as stored and written: {@code mission}, {@code members}, {@code public}, {@code DE
   * FR}.
   */
  public String text() {
    return level == Level.LISTED
        ? String.join(" ", members)
        : level.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code reader} may see a report of this releasability provided by {@code provider} (a
   * member state's code, or empty when the mission's own source made it).
   */
  public boolean releasesTo(Audience reader, String provider) {
    if (reader.mission() || level == Level.PUBLIC) {
      return true;
    }
    if (reader.member() == null) {
      return false;
    }
    return level == Level.MEMBERS
        || reader.member().equals(provider)
        || members.contains(reader.member());
  }

  @Override
  public String toString() {
    return text();
  }
}
