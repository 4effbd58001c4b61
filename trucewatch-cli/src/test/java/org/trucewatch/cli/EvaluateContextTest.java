package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trucewatch.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.cli.CliTest.Run;

/**
 * {@code evaluate} on a labelled file that begins after the development labels: its earlier
 * detections are classified with it and not scored.
 */
class EvaluateContextTest {
  private static final String NAME = Reference.BUNDLED_DEVELOPMENT_LABELS;
  private static final Path LABELS = Path.of("..", "data", "labels", NAME);

  /** The development labels of 1 June 2022 on, as a file of their own. */
  private static Path fromJune(Path dir) throws Exception {
    List<String> kept = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(LABELS)), StandardCharsets.UTF_8))) {
      kept.add(r.readLine());
      for (String line; (line = r.readLine()) != null; ) {
        if (line.split(",")[3].compareTo("2022-06-01") >= 0) {
          kept.add(line);
        }
      }
    }
    Path june = dir.resolve("from-june.csv");
    Files.write(june, kept, StandardCharsets.UTF_8);
    return june;
  }

  private static JsonNode json(Run r) throws Exception {
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void aLaterFileIsClassifiedWithTheBundledEarlierDetectionsAsTheSameDaysOfTheWholeFile(
      @TempDir Path dir) throws Exception {
    Path june = fromJune(dir);
    JsonNode whole =
        json(run("evaluate", "--labels", LABELS.toString(), "--from", "2022-06-01", "--json"));
    JsonNode later = json(run("evaluate", "--labels", june.toString(), "--json"));
    JsonNode alone = json(run("evaluate", "--labels", june.toString(), "--json", "--no-context"));

    // with the earlier detections as context, the file scores as its days do in the whole file
    assertThat(later.get("rows").asLong()).isEqualTo(whole.get("rows").asLong()).isEqualTo(31_942);
    for (String k : List.of("tp", "fp", "fn", "tn")) {
      assertThat(later.get(k).asLong()).as(k).isEqualTo(whole.get(k).asLong());
    }
    JsonNode context = later.get("context");
    assertThat(context.get("source").asText())
        .isEqualTo("economist-war-fires-2022-dev.csv.gz (bundled)");
    assertThat(context.get("detections").asLong()).isEqualTo(66_491 - 31_942);
    assertThat(context.get("first_day").asText()).isEqualTo("2022-02-24");
    assertThat(context.get("last_day").asText()).isEqualTo("2022-05-31");

    // alone, the cells whose recurrence began before June are missed from the start
    assertThat(alone.get("context").isNull()).isTrue();
    assertThat(alone.get("rows").asLong()).isEqualTo(31_942);
    assertThat(alone.get("tp").asLong()).isLessThan(later.get("tp").asLong());

    // a context named on the command line is taken instead, and only before the first day
    JsonNode given =
        json(
            run(
                "evaluate",
                "--labels",
                june.toString(),
                "--context",
                LABELS.toString(),
                june.toString(),
                "--json"));
    assertThat(given.get("context").get("source").asText()).isEqualTo(NAME + ", from-june.csv");
    assertThat(given.get("context").get("detections").asLong()).isEqualTo(66_491 - 31_942);
    assertThat(given.get("tp").asLong()).isEqualTo(later.get("tp").asLong());

    Run text = run("evaluate", "--labels", june.toString());
    assertThat(text.out().lines().toList().get(1))
        .isEqualTo(
            "context: 34549 detections of 2022-02-24 to 2022-05-31 from"
                + " economist-war-fires-2022-dev.csv.gz (bundled), before the labelled file's"
                + " first day; classified with it, not scored");
  }

  @Test
  void theDevelopmentLabelsThemselvesHaveNoEarlierContext() throws Exception {
    JsonNode j = json(run("evaluate", "--labels", LABELS.toString(), "--json"));
    assertThat(j.get("context").isNull()).isTrue();
    assertThat(j.get("rows").asLong()).isEqualTo(66_491);
  }

  @Test
  void contextOptionsGoWithLabelsAndNotWithEachOther() {
    Run both = run("evaluate", "--labels", LABELS.toString(), "--no-context", "--context", "x.csv");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).startsWith("error: --context and --no-context exclude each other");
    Run peace =
        run(
            "evaluate",
            "--peacetime",
            "../data/firms/history/ukr_fire_data_2021.csv.gz",
            "--no-context");
    assertThat(peace.code()).isEqualTo(2);
    assertThat(peace.err())
        .startsWith("error: --context and --no-context go with --labels, not --peacetime");
  }
}
