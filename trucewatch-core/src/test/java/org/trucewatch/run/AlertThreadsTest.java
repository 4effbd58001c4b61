package org.trucewatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trucewatch.run.AlertThreads.Message;
import org.trucewatch.run.AlertThreads.Stated;
import org.trucewatch.run.AlertThreads.Type;

class AlertThreadsTest {
  private static final Instant T1 = Instant.parse("2025-08-16T10:12:00Z");
  private static final Instant T2 = Instant.parse("2025-08-17T09:00:05Z");

  private static Stated stated(String id, String digest, String... rows) {
    return new Stated(id, Set.of(rows), digest);
  }

  @Test
  void theFirstAssessmentAlertsEachFindingOnce() {
    AlertThreads.Outcome o =
        AlertThreads.next(
            List.of(), List.of(stated("I-1:C1", "a", "h1", "h2"), stated("I-2:C1", "b", "h3")), T1);

    assertThat(o.issued()).extracting(Message::type).containsExactly(Type.ALERT, Type.ALERT);
    assertThat(o.current().get("I-1:C1").identifier())
        .isEqualTo("trucewatch-I-1-C1-20250816T101200Z");
    assertThat(o.current().get("I-1:C1").sent()).isEqualTo(T1);
    assertThat(o.current().get("I-2:C1").references()).isEmpty();
  }

  @Test
  void aFindingStatedAsBeforeKeepsItsMessageAndIssuesNothing() {
    AlertThreads.Outcome first =
        AlertThreads.next(List.of(), List.of(stated("I-1:C1", "a", "h1", "h2")), T1);
    List<Message> before = List.copyOf(first.current().values());

    AlertThreads.Outcome again =
        AlertThreads.next(before, List.of(stated("I-1:C1", "a", "h1", "h2")), T2);

    assertThat(again.issued()).isEmpty();
    assertThat(again.current().get("I-1:C1")).isSameAs(before.get(0));
    assertThat(again.current().get("I-1:C1").sent()).isEqualTo(T1);
  }

  @Test
  void aFindingThatChangesIsAnUpdateReferencingTheMessageItReplaces() {
    Message old =
        AlertThreads.next(List.of(), List.of(stated("I-1:C1", "a", "h1")), T1)
            .current()
            .get("I-1:C1");

    // the other satellite's pass joins the incident: another id, another row, another digest
    AlertThreads.Outcome o =
        AlertThreads.next(List.of(old), List.of(stated("I-9:C1", "c", "h1", "h7")), T2);

    assertThat(o.issued()).hasSize(1);
    Message update = o.issued().get(0);
    assertThat(update.type()).isEqualTo(Type.UPDATE);
    assertThat(update.identifier()).isEqualTo("trucewatch-I-9-C1-20250817T090005Z");
    assertThat(update.references()).containsExactly(old);
    assertThat(o.current()).containsOnlyKeys("I-9:C1");
  }

  @Test
  void aChangeOfWhatIsStatedAloneIsAnUpdateToo() {
    Message old =
        AlertThreads.next(List.of(), List.of(stated("I-1:C1", "a", "h1")), T1)
            .current()
            .get("I-1:C1");

    // the same rows and id, but (say) a verdict raised by a report that corroborates it
    AlertThreads.Outcome o =
        AlertThreads.next(List.of(old), List.of(stated("I-1:C1", "b", "h1")), T2);

    assertThat(o.issued()).extracting(Message::type).containsExactly(Type.UPDATE);
    assertThat(o.issued().get(0).references()).containsExactly(old);
  }

  @Test
  void twoFindingsThatBecomeOneAreBothReferenced() {
    AlertThreads.Outcome first =
        AlertThreads.next(
            List.of(), List.of(stated("I-1:C1", "a", "h1"), stated("I-2:C1", "b", "h2")), T1);
    List<Message> before = List.copyOf(first.current().values());

    AlertThreads.Outcome o =
        AlertThreads.next(before, List.of(stated("I-1:C1", "c", "h1", "h2")), T2);

    assertThat(o.issued()).extracting(Message::type).containsExactly(Type.UPDATE);
    assertThat(o.issued().get(0).references()).containsExactlyElementsOf(before);
  }

  @Test
  void aFindingWhoseEvidenceNoLongerBearsAViolationIsCancelled() {
    AlertThreads.Outcome first =
        AlertThreads.next(
            List.of(), List.of(stated("I-1:C1", "a", "h1"), stated("I-2:C1", "b", "h2")), T1);
    List<Message> before = List.copyOf(first.current().values());

    AlertThreads.Outcome o = AlertThreads.next(before, List.of(stated("I-2:C1", "b", "h2")), T2);

    assertThat(o.issued()).hasSize(1);
    Message cancel = o.issued().get(0);
    assertThat(cancel.type()).isEqualTo(Type.CANCEL);
    assertThat(cancel.identifier()).isEqualTo("trucewatch-I-1-C1-20250817T090005Z-cancel");
    assertThat(cancel.finding().id()).isEqualTo("I-1:C1");
    assertThat(cancel.references()).containsExactly(before.get(0));
    assertThat(o.current()).containsOnlyKeys("I-2:C1");
    assertThat(o.issued(Type.CANCEL)).isEqualTo(1);
    assertThat(o.issued(Type.ALERT)).isZero();
  }

  @Test
  void aFindingThatSplitsIsReferencedByEachPart() {
    Message old =
        AlertThreads.next(List.of(), List.of(stated("I-1:C1", "a", "h1", "h2")), T1)
            .current()
            .get("I-1:C1");

    AlertThreads.Outcome o =
        AlertThreads.next(
            List.of(old), List.of(stated("I-1:C1", "b", "h1"), stated("I-5:C1", "c", "h2")), T2);

    assertThat(o.issued()).extracting(Message::type).containsExactly(Type.UPDATE, Type.UPDATE);
    assertThat(o.issued()).allSatisfy(m -> assertThat(m.references()).containsExactly(old));
  }

  @Test
  void anIdentifierAlreadyGivenInTheSameSecondIsToldApartByANumber() {
    AlertThreads.Outcome o =
        AlertThreads.next(
            List.of(),
            List.of(stated("I-1:C1", "a", "h1"), stated("I-1-C1", "b", "h2")),
            T1,
            Set.of("trucewatch-I-1-C1-20250816T101200Z"));

    assertThat(o.issued())
        .extracting(Message::identifier)
        .containsExactly(
            "trucewatch-I-1-C1-20250816T101200Z-2", "trucewatch-I-1-C1-20250816T101200Z-3");
  }

  @Test
  void theDigestTellsFieldsApartWhereTheirJoinedTextWouldNot() {
    assertThat(AlertThreads.digest(List.of("ab", "c")))
        .isNotEqualTo(AlertThreads.digest(List.of("a", "bc")))
        .isEqualTo(AlertThreads.digest(List.of("ab", "c")))
        .hasSize(64);
  }

  @Test
  void typesAreCapWords() {
    assertThat(Type.of("Cancel")).isEqualTo(Type.CANCEL);
    assertThat(Type.UPDATE.word()).isEqualTo("Update");
  }
}
