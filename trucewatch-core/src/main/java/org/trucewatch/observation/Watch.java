package org.trucewatch.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A period in which a surveillance source was watching, or was offline, as its operator logs it:
 * what a day's coverage says of the sources that send reports. A source that watched and reported
 * nothing says more than one that was offline or never logged.
 *
 * @param sourceId the source's id, as in its reports
 * @param kind the kind of source
 * @param memberState the member state that operates the source (ISO 3166-1 alpha-2), or empty
 * @param from the period's first instant (UTC)
 * @param to the first instant after the period (UTC), after {@code from}
 * @param status watching or offline
 * @param note the operator's words on the period (a reason for an outage, say), or empty
 * @param provenance file, line and content hash of the input row
 */
public record Watch(
    String sourceId,
    SourceKind kind,
    String memberState,
    Instant from,
    Instant to,
    Status status,
    String note,
    Provenance provenance) {

  /** The longest period one row may log: a longer one is more likely a typing error. */
  public static final Duration MAX_PERIOD = Duration.ofDays(31);

  /** Whether the source was watching or offline. */
  public enum Status {
    /** The source was watching and would have reported what it saw or heard. */
    WATCHING,
    /** The source could not see or hear (a failure, jamming, maintenance, no flight). */
    OFFLINE;

    /** The key used in files and outputs: {@code watching}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a key as written in files, or {@code null} when it names none. */
    public static Status ofKey(String key) {
      for (Status s : values()) {
        if (s.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      return null;
    }
  }

  public Watch {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(memberState, "memberState");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(provenance, "provenance");
    if (sourceId.isBlank()) {
      throw new IllegalArgumentException("a watch needs a source id");
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("a watch must end after it starts: " + from + " " + to);
    }
    if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      throw new IllegalArgumentException("a watch must last at most 31 days: " + from + " " + to);
    }
  }

  /** The source as named in reports and findings, for example {@code camera:CAM-07}. */
  public String sourceKey() {
    return kind.key() + ":" + sourceId;
  }

  /** The identity of a logged period across files: its source, its bounds and its status. */
  public String identity() {
    return sourceId + "|" + from + "|" + to + "|" + status.key();
  }

  /** Whether another row logs the same period with the same content, wherever it comes from. */
  public boolean sameContent(Watch o) {
    return identity().equals(o.identity())
        && kind == o.kind
        && memberState.equals(o.memberState)
        && note.equals(o.note);
  }
}
