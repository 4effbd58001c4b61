package org.trucewatch.sources.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Any bytes given as a background-history file ({@code --baseline}) give a history or an {@link
 * IOException} naming the file, never another exception. Regression inputs under
 * src/test/resources/org/trucewatch/sources/baseline/BaselineFileFuzzTestInputs; {@code
 * JAZZER_FUZZ=1} fuzzes it (docs/development.md).
 */
class BaselineFileFuzzTest {
  @Test
  void aBadLineNamesFileLineReasonAndText() {
    String[][] cases = {
      {
        "sensor,lon10,lat10,year,doy,count\nVIIRS,221,484,2012,79,-3\n",
        "history.csv:2: not a baseline row (count must be >= 0, was -3): VIIRS,221,484,2012,79,-3"
      },
      {
        "sensor,lon10,lat10,year,doy,count\nVIIRS,221,484,2012,400,1\n",
        "history.csv:2: not a baseline row (day of year must be 1..366, was 400)"
      },
      {
        "#years,SWIR,2012\n",
        "history.csv:1: not a baseline row (sensor must be one of [VIIRS, MODIS], was SWIR)"
      },
      {"#years,VIIRS,2012;x\n", "history.csv:1: not a baseline row (For input string: \"x\")"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(
              () ->
                  BaselineFile.read(
                      "history.csv",
                      new ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8))))
          .as(c[0])
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith(c[1]);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void anyBytesGiveAHistoryOrAnIoException(byte[] data) {
    try {
      assertThat(BaselineFile.read("history.csv", new ByteArrayInputStream(data))).isNotNull();
    } catch (IOException e) {
      assertThat(e.getMessage()).startsWith("history.csv");
    }
  }
}
