package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Any value of the API's bbox and time parameters gives a valid value or a 400 with the stable code
 * {@code invalid_parameter}, never another exception (which would be a 500). Regression inputs
 * under src/test/resources/org/trucewatch/server/ParamsFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes
 * it (docs/development.md).
 */
class ParamsFuzzTest {
  @Test
  void notANumberAndInfinityAreRefusedInABbox() {
    for (String v :
        new String[] {
          "NaN,NaN,NaN,NaN", "0,0,NaN,1", "-Infinity,0,1,1", "0,0,Infinity,1", "1,2,3", "a,b,c,d"
        }) {
      assertThatThrownBy(() -> Params.bbox(v))
          .as(v)
          .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status).isEqualTo(400));
    }
    assertThat(Params.bbox("34.4, 47.4, 34.8, 47.7")).containsExactly(34.4, 47.4, 34.8, 47.7);
    assertThat(Params.bbox("34.4,47.4,0,34.8,47.7,100")).containsExactly(34.4, 47.4, 34.8, 47.7);
  }

  @Test
  void anAcceptHeaderGivesTheFormatItPrefersOrA406() {
    String[] all = {"json", "geojson", "csv"};
    assertThat(Params.accepted(null, all)).isEqualTo("json");
    assertThat(Params.accepted("", all)).isEqualTo("json");
    assertThat(Params.accepted("text/csv", all)).isEqualTo("csv");
    assertThat(Params.accepted("TEXT/CSV; charset=utf-8", all)).isEqualTo("csv");
    assertThat(Params.accepted("application/*", all)).isEqualTo("json");
    assertThat(Params.accepted("application/json;q=0.2, text/*;q=0.5", all)).isEqualTo("csv");
    // the most specific range decides: text/csv refused although */* takes anything
    assertThat(Params.accepted("text/csv;q=0, */*", "csv", "json")).isEqualTo("json");
    // an unreadable quality refuses its range
    assertThat(Params.accepted("text/csv;q=NaN, application/json", all)).isEqualTo("json");
    for (String none :
        new String[] {
          "application/xml", "*/*;q=0", ",;,", "text/csv;q=0", "text/csv;q=NaN, text/*;q=x"
        }) {
      assertThatThrownBy(() -> Params.accepted(none, all))
          .as(none)
          .isInstanceOfSatisfying(
              ApiError.class,
              e -> {
                assertThat(e.status).isEqualTo(406);
                assertThat(e.code).isEqualTo("not_acceptable");
              });
    }
  }

  @FuzzTest(maxDuration = "60s")
  void anyAcceptHeaderGivesAFormatOrA406(FuzzedDataProvider data) {
    String accept = data.consumeRemainingAsString();
    try {
      assertThat(Params.accepted(accept, "json", "geojson", "csv")).isIn("json", "geojson", "csv");
    } catch (ApiError e) {
      assertThat(e.status).isEqualTo(406);
      assertThat(e.code).isEqualTo("not_acceptable");
    }
  }

  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({"NaN", "Infinity", "-", ",", "/", "..", "T", "Z", "+02:00", "2025-08-16"})
  void anyBboxOrTimeGivesAValueOrABadRequest(FuzzedDataProvider data) {
    String bbox = data.consumeString(80);
    String time = data.consumeString(60);
    String interval = data.consumeRemainingAsString();
    try {
      double[] b = Params.bbox(bbox);
      assertThat(b).hasSize(4);
      assertThat(b[0]).isBetween(-180.0, b[2]);
      assertThat(b[2]).isLessThanOrEqualTo(180.0);
      assertThat(b[1]).isBetween(-90.0, b[3]);
      assertThat(b[3]).isLessThanOrEqualTo(90.0);
    } catch (ApiError e) {
      assertThat(e.status).isEqualTo(400);
      assertThat(e.code).isEqualTo("invalid_parameter");
    }
    try {
      assertThat(Params.instant("from", time)).isNotNull();
    } catch (ApiError e) {
      assertThat(e.code).isEqualTo("invalid_parameter");
    }
    try {
      Instant[] d = Ogc.datetime(interval);
      assertThat(d).hasSize(2);
      if (d[0] != null && d[1] != null) {
        assertThat(d[0]).isBefore(d[1]);
      }
    } catch (ApiError e) {
      assertThat(e.code).isEqualTo("invalid_parameter");
    }
  }
}
