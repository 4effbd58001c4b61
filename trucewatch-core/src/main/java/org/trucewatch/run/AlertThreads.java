package org.trucewatch.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which alert message states each finding of violation or probable violation, so that a message
 * keeps its identity while its finding stays as it was, and a receiver that follows the messages'
 * references (as CAP receivers do) sees each finding once: an {@code Alert} when it is first
 * stated, an {@code Update} naming the messages it replaces when it changes, and a {@code Cancel}
 * when no finding of violation or probable violation rests on its evidence any more.
 *
 * <p>A finding is told by its evidence, as {@link FirstStated} tells it: incident ids change when
 * an incident gains members. A finding now continues the messages of the findings before whose
 * evidence rows it shares; it keeps the one message it continues when its id and everything it
 * states ({@link #digest}) are as they were, and otherwise gets an {@code Update} that references
 * each message it continues (two findings that became one reference both; a finding that split is
 * referenced by each part).
 */
public final class AlertThreads {
  private AlertThreads() {}

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A message's type, as CAP 1.2 names it ({@code msgType}). */
  public enum Type {
    ALERT("Alert"),
    UPDATE("Update"),
    CANCEL("Cancel");

    private final String word;

    Type(String word) {
      this.word = word;
    }

    /** The name as CAP writes it. */
    public String word() {
      return word;
    }

    /** The type that CAP's {@code word} names. */
    public static Type of(String word) {
      for (Type t : values()) {
        if (t.word.equals(word)) {
          return t;
        }
      }
      throw new IllegalArgumentException("no message type " + word);
    }
  }

  /**
   * A finding of violation or probable violation as a message states it.
   *
   * @param id the finding's id
   * @param evidence the SHA-256 of each of its evidence rows
   * @param digest everything it states, as one hash ({@link #digest})
   */
  public record Stated(String id, Set<String> evidence, String digest) {
    public Stated {
      evidence = Set.copyOf(evidence);
    }
  }

  /**
   * A message issued at some time.
   *
   * @param identifier unique among all messages ({@link #identifier})
   * @param sent when it was issued: when the assessment that issued it was made
   * @param type Alert, Update or Cancel
   * @param finding the finding it states (for a Cancel: the finding it withdraws)
   * @param references the messages it replaces or withdraws, oldest first; none for an Alert
   */
  public record Message(
      String identifier, Instant sent, Type type, Stated finding, List<Message> references) {
    public Message {
      references = List.copyOf(references);
    }
  }

  /**
   * What an assessment's findings make of the messages before.
   *
   * @param current each finding of violation or probable violation now, by id, with the message
   *     that states it (kept from before, or issued now)
   * @param issued the messages issued now: Alerts and Updates in the order of the findings, then
   *     the Cancels
   */
  public record Outcome(Map<String, Message> current, List<Message> issued) {
    public Outcome {
      current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
      issued = List.copyOf(issued);
    }

    /** How many of the issued messages are of {@code type}. */
    public long issued(Type type) {
      return issued.stream().filter(m -> m.type() == type).count();
    }
  }

  /**
   * The messages of {@code now} (the findings of violation and probable violation of an assessment
   * made at {@code made}), given the messages that stated the findings before ({@code before}: each
   * current message of the assessment before; empty for the first).
   */
  public static Outcome next(List<Message> before, List<Stated> now, Instant made) {
    return next(before, now, made, Set.of());
  }

  /**
   * As {@link #next(List, List, Instant)}, where {@code taken} are the identifiers already given to
   * messages sent at {@code made} (by an assessment made in the same second): a new message's
   * identifier is then told from them by a number.
   */
  public static Outcome next(
      List<Message> before, List<Stated> now, Instant made, Set<String> taken) {
    Set<String> used = new HashSet<>(taken);
    Map<String, Message> current = new LinkedHashMap<>();
    List<Message> issued = new ArrayList<>();
    Map<String, List<Message>> byRow = new HashMap<>();
    for (Message m : before) {
      m.finding().evidence().forEach(e -> byRow.computeIfAbsent(e, k -> new ArrayList<>()).add(m));
    }
    // told by identity: a record's hash would walk its evidence and references each time
    Set<Message> continued = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stated f : now) {
      Set<Message> shared = Collections.newSetFromMap(new IdentityHashMap<>());
      f.evidence().forEach(e -> shared.addAll(byRow.getOrDefault(e, List.of())));
      // in the order of before, so that an Update lists what it replaces in a stable order
      List<Message> previous = before.stream().filter(shared::contains).toList();
      continued.addAll(previous);
      Message m;
      if (previous.size() == 1
          && previous.get(0).finding().id().equals(f.id())
          && previous.get(0).finding().digest().equals(f.digest())) {
        m = previous.get(0);
      } else {
        m =
            new Message(
                identifier(f.id(), made, "", used),
                made,
                previous.isEmpty() ? Type.ALERT : Type.UPDATE,
                f,
                previous);
        issued.add(m);
      }
      current.put(f.id(), m);
    }
    for (Message old : before) {
      if (!continued.contains(old)) {
        issued.add(
            new Message(
                identifier(old.finding().id(), made, "-cancel", used),
                made,
                Type.CANCEL,
                old.finding(),
                List.of(old)));
      }
    }
    return new Outcome(current, issued);
  }

  /**
   * A message's identifier: the finding and when it was issued, in the letters, digits, dots and
   * hyphens that every receiver takes (CAP forbids spaces, commas and {@code <} or {@code &}).
   */
  static String identifier(String findingId, Instant sent, String suffix, Set<String> used) {
    String base =
        "trucewatch-"
            + findingId.replaceAll("[^A-Za-z0-9.-]+", "-")
            + "-"
            + STAMP.format(sent)
            + suffix;
    String id = base;
    for (int n = 2; !used.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /**
   * The hash of {@code fields} (what a finding states: its verdict, clause, place, reasoning,
   * evidence and so on), each told from the next, so that two findings that state the same have the
   * same digest.
   */
  public static String digest(List<String> fields) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String field : fields) {
        byte[] b = field.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(b);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
