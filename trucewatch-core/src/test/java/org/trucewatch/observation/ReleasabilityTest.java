package org.trucewatch.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReleasabilityTest {
  private static final Audience FR = Audience.member("fr");
  private static final Audience DE = Audience.member("DE");
  private static final Audience PL = Audience.member("PL");

  @Test
  void parsesEveryFormAndWritesItBackTheSame() {
    assertThat(Releasability.parse("")).isEqualTo(Releasability.MISSION);
    assertThat(Releasability.parse(null)).isEqualTo(Releasability.MISSION);
    assertThat(Releasability.parse(" Mission ")).isEqualTo(Releasability.MISSION);
    assertThat(Releasability.parse("MEMBERS")).isEqualTo(Releasability.MEMBERS);
    assertThat(Releasability.parse("public")).isEqualTo(Releasability.PUBLIC);
    Releasability listed = Releasability.parse("fr; de,PL  fr");
    assertThat(listed.level()).isEqualTo(Releasability.Level.LISTED);
    assertThat(listed.members()).containsExactly("DE", "FR", "PL");
    assertThat(listed.text()).isEqualTo("DE FR PL");
    for (Releasability r :
        new Releasability[] {listed, Releasability.MISSION, Releasability.PUBLIC}) {
      assertThat(Releasability.parse(r.text())).isEqualTo(r);
    }
  }

  @Test
  void refusesWhatNamesNoGroupOrMemberState() {
    for (String bad : new String[] {"everyone", "FRA", "FR public", "F", "1A"}) {
      assertThatThrownBy(() -> Releasability.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("releasable_to must be mission, members, public")
          .hasMessageEndingWith("was " + bad);
    }
  }

  @Test
  void theMissionSeesEverythingAndThePublicOnlyWhatIsPublic() {
    for (Releasability r :
        new Releasability[] {
          Releasability.MISSION,
          Releasability.MEMBERS,
          Releasability.PUBLIC,
          Releasability.parse("DE")
        }) {
      assertThat(r.releasesTo(Audience.MISSION, "FR")).as(r.text()).isTrue();
      assertThat(r.releasesTo(Audience.PUBLIC, "FR"))
          .as(r.text())
          .isEqualTo(r == Releasability.PUBLIC);
    }
  }

  @Test
  void aMemberSeesWhatItProvidedWhatIsReleasedToItAndWhatIsReleasedToAllMembers() {
    Releasability toDe = Releasability.parse("DE");
    assertThat(toDe.releasesTo(FR, "FR")).as("its own report").isTrue();
    assertThat(toDe.releasesTo(DE, "FR")).as("released to it").isTrue();
    assertThat(toDe.releasesTo(PL, "FR")).as("neither").isFalse();
    assertThat(Releasability.MISSION.releasesTo(FR, "FR")).isTrue();
    assertThat(Releasability.MISSION.releasesTo(DE, "FR")).isFalse();
    assertThat(Releasability.MISSION.releasesTo(DE, "")).as("the mission's own source").isFalse();
    assertThat(Releasability.MEMBERS.releasesTo(PL, "FR")).isTrue();
    assertThat(Releasability.MEMBERS.releasesTo(Audience.PUBLIC, "FR")).isFalse();
  }

  @Test
  void aReaderIsNamedByTwoLetters() {
    assertThat(FR.member()).isEqualTo("FR");
    assertThat(FR).hasToString("member FR");
    assertThatThrownBy(() -> Audience.member("FRA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two-letter code");
  }
}
