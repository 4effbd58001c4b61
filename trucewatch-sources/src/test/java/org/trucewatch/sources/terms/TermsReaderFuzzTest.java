package org.trucewatch.sources.terms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.geo.Region;

/**
 * Any text given as truce terms gives terms or a {@link TermsException} naming the file, never
 * another exception. The regions and the files the terms name are small squares, so that the fuzzer
 * spends its time on the terms; the good seed holds every key (Jazzer also learns the words the
 * reader compares with). In a normal build this runs the inputs under
 * src/test/resources/org/trucewatch/sources/terms/TermsReaderFuzzTestInputs; {@code JAZZER_FUZZ=1}
 * fuzzes it for the given time (docs/development.md).
 */
class TermsReaderFuzzTest {
  static final GeometryFactory GF = new GeometryFactory();

  /** One region over all of Ukraine's bounding box. */
  static final List<Region> REGIONS =
      List.of(new Region("UA-00", "Test", GF.toGeometry(new Envelope(22, 41, 44, 53))));

  /** Every named file is a square: 37-38° E, 47-48° N. */
  static final String SQUARE =
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
          + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[37,47],[38,47],[38,48],[37,48],"
          + "[37,47]]]}}]}";

  static final TermsFiles FILES =
      (name, kind) -> new ByteArrayInputStream(SQUARE.getBytes(StandardCharsets.UTF_8));

  /** The good seed is read whole, so the fuzzer starts from terms that reach every part. */
  @Test
  void theGoodSeedIsRead() throws Exception {
    String yaml;
    try (var in =
        TermsReaderFuzzTest.class.getResourceAsStream(
            "TermsReaderFuzzTestInputs/anyTextGivesTermsOrATermsException/good.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    TruceContext t = TermsReader.read("terms.yaml", yaml, REGIONS, FILES);
    assertThat(t.terms().zones()).hasSize(2);
    assertThat(t.terms().staticSources()).hasSize(1);
    assertThat(t.terms().knownFireAreas()).hasSize(1);
    assertThat(t.terms().examples()).hasSize(1);
  }

  @FuzzTest(maxDuration = "60s")
  void anyTextGivesTermsOrATermsException(byte[] data) {
    String yaml = new String(data, StandardCharsets.UTF_8);
    try {
      TruceContext t = TermsReader.read("terms.yaml", yaml, REGIONS, FILES);
      assertThat(t.terms().end()).isAfter(t.terms().start());
      assertThat(t.terms().clauses()).isNotEmpty();
    } catch (TermsException e) {
      assertThat(e.getMessage()).startsWith("terms.yaml");
    }
  }
}
