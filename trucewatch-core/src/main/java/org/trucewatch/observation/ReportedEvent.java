package org.trucewatch.observation;

import java.util.Locale;

/**
 * What a surveillance report says was seen or heard, in the categories the OSCE monitoring mission
 * counted ceasefire violations by.
 */
public enum ReportedEvent {
  /** An explosion, seen or heard (an impact, an outgoing round, a detonation). */
  EXPLOSION,
  /** A projectile in flight. */
  PROJECTILE,
  /** Bursts or shots of small-arms or heavy-machine-gun fire. */
  GUNFIRE,
  /** An illumination flare. */
  FLARE,
  /** A fire or smoke from a fire. */
  FIRE,
  /** Weapons seen moving or placed, for example in a withdrawal zone. */
  WEAPONS,
  /** Anything else; the description says what. */
  OTHER;

  /** The key used in files and outputs: {@code explosion}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the event gives off heat that a satellite can detect as a thermal anomaly (an explosion
   * or a fire), so that a report of it corroborates a satellite detection nearby.
   */
  public boolean thermal() {
    return this == EXPLOSION || this == FIRE;
  }

  /** A number of these events in words: "an explosion", "3 bursts of gunfire". */
  public String counted(long n) {
    String[] forms =
        switch (this) {
          case EXPLOSION -> new String[] {"an explosion", "explosions"};
          case PROJECTILE -> new String[] {"a projectile in flight", "projectiles in flight"};
          case GUNFIRE -> new String[] {"a burst of gunfire", "bursts of gunfire"};
          case FLARE -> new String[] {"an illumination flare", "illumination flares"};
          case FIRE -> new String[] {"a fire", "fires"};
          case WEAPONS -> new String[] {"a weapon", "weapons"};
          case OTHER -> new String[] {"other activity", "other activities"};
        };
    return n == 1 ? forms[0] : n + " " + forms[1];
  }

  /**
   * The event of a key as written in files, or {@code null} when the key names none; case and
   * surrounding blanks do not matter.
   */
  public static ReportedEvent ofKey(String key) {
    for (ReportedEvent e : values()) {
      if (e.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    return null;
  }
}
