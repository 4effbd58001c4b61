package org.trucewatch.observation;

import java.util.Locale;

/** The kind of a surveillance source: who or what made a report. */
public enum SourceKind {
  /** A monitor or patrol who saw or heard it. */
  OBSERVER,
  /** An unmanned aerial vehicle's imagery. */
  DRONE,
  /** A fixed camera. */
  CAMERA,
  /** An acoustic sensor. */
  ACOUSTIC;

  /** The key used in files and outputs: {@code camera}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind of a key as written in files, or {@code null} when the key names none; case and
   * surrounding blanks do not matter.
   */
  public static SourceKind ofKey(String key) {
    for (SourceKind k : values()) {
      if (k.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    return null;
  }
}
