package org.trucewatch.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.trucewatch.store.Features;

/**
 * The part of the alerts a receiver is given: those of findings in one monitoring sector ({@link
 * Features#NO_SECTOR}: in none) and one oblast, as the CAP feed of one sector or oblast lists them;
 * null for either matches any. A receiver names its area after {@code #} at the end of its URL or
 * address: {@code #sector=ID}, {@code #oblast=CODE} or both ({@code #sector=east&oblast=UA-14}).
 *
 * @param sector a monitoring sector's id, {@link Features#NO_SECTOR}, or null for any
 * @param oblast an oblast's code, or null for any
 */
public record AlertArea(String sector, String oblast) {
  /** Every alert. */
  public static final AlertArea ALL = new AlertArea(null, null);

  /**
   * The area a URL names in its fragment; {@link #ALL} without one. The fragment is never sent: it
   * tells which alerts to give the receiver.
   *
   * @throws IllegalArgumentException naming the URL when the fragment says anything else
   */
  public static AlertArea of(URI url) {
    return of(url.getFragment(), url.toString());
  }

  /**
   * The area {@code fragment} names ({@code sector=ID}, {@code oblast=CODE} or both, joined by
   * {@code &}); {@link #ALL} when it is null or empty.
   *
   * @throws IllegalArgumentException naming {@code receiver} when the fragment says anything else
   */
  public static AlertArea of(String fragment, String receiver) {
    if (fragment == null || fragment.isEmpty()) {
      return ALL;
    }
    String sector = null;
    String oblast = null;
    for (String part : fragment.split("&", -1)) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      if (value.isEmpty() || !(key.equals("sector") || key.equals("oblast"))) {
        throw new IllegalArgumentException(
            "a receiver of alerts may end with #sector=ID, #oblast=CODE or both, joined by &, was "
                + receiver);
      }
      if (key.equals("sector")) {
        sector = value;
      } else {
        oblast = value;
      }
    }
    return new AlertArea(sector, oblast);
  }

  /** Whether this is every alert. */
  public boolean all() {
    return sector == null && oblast == null;
  }

  /**
   * Whether a finding in monitoring sector {@code sectorId} (empty: in none) and the oblast {@code
   * oblastCode} lies in this area.
   */
  public boolean contains(String sectorId, String oblastCode) {
    boolean inSector =
        sector == null
            || (sector.equals(Features.NO_SECTOR) ? sectorId.isEmpty() : sector.equals(sectorId));
    return inSector && (oblast == null || oblast.equals(oblastCode));
  }

  /** The area in words, for a line of text: {@code sector east, oblast UA-14}. */
  public String words() {
    List<String> parts = new ArrayList<>();
    if (sector != null) {
      parts.add(sector.equals(Features.NO_SECTOR) ? "outside every sector" : "sector " + sector);
    }
    if (oblast != null) {
      parts.add("oblast " + oblast);
    }
    return parts.isEmpty() ? "the whole area monitored" : String.join(", ", parts);
  }

  /**
   * The area as a receiver names it, {@code #sector=ID&oblast=CODE}, or empty for {@link #ALL}: the
   * text that {@link #of(String, String)} reads after {@code #}.
   */
  public String fragment() {
    List<String> parts = new ArrayList<>();
    if (sector != null) {
      parts.add("sector=" + sector);
    }
    if (oblast != null) {
      parts.add("oblast=" + oblast);
    }
    return parts.isEmpty() ? "" : "#" + String.join("&", parts);
  }

  /** {@code url} without its fragment: where its alerts are sent. */
  static URI withoutFragment(URI url) {
    String text = url.toString();
    int hash = text.indexOf('#');
    return hash < 0 ? url : URI.create(text.substring(0, hash));
  }
}
