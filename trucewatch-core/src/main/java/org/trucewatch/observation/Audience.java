package org.trucewatch.observation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who is reading: the mission's own staff, a member state's liaison, or the public. What a reader
 * may see of a surveillance report depends on it (see {@link Releasability}).
 *
 * @param member the member state (ISO 3166-1 alpha-2, upper case) of a member's reader, else null
 * @param mission whether the reader is the mission's staff, who see everything
 */
public record Audience(String member, boolean mission) {
  private static final Pattern CODE = Pattern.compile("[A-Z]{2}");

  /** Anyone at all: a reader of an open server without a token. */
  public static final Audience PUBLIC = new Audience(null, false);

  /** The mission's staff: a token without a member state. */
  public static final Audience MISSION = new Audience(null, true);

  public Audience {
    if (member != null && (mission || !CODE.matcher(member).matches())) {
      throw new IllegalArgumentException(
          "a member's reader is named by a two-letter code in upper case, was " + member);
    }
  }

  /**
   * The reader of member state {@code code} (two letters, ISO 3166-1 alpha-2, in any case).
   *
   * @throws IllegalArgumentException when the code is not two letters
   */
  public static Audience member(String code) {
    Objects.requireNonNull(code, "code");
    String upper = code.trim().toUpperCase(java.util.Locale.ROOT);
    if (!isCode(upper)) {
      throw new IllegalArgumentException(
          "a member state is named by its two-letter code (ISO 3166-1), such as FR, was " + code);
    }
    return new Audience(upper, false);
  }

  /** Whether {@code code} is a member state's code as readers and reports name it. */
  public static boolean isCode(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  @Override
  public String toString() {
    return mission ? "mission" : member == null ? "public" : "member " + member;
  }
}
