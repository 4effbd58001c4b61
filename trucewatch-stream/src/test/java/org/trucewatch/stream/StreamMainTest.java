package org.trucewatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to what it cannot run: exit 2 for bad usage, 1 for bad input. */
class StreamMainTest {
  @TempDir Path dir;

  /** What a command printed and its exit code. */
  record Run(int code, String out, String err) {}

  /** Runs the command line as {@code ./trucewatch stream ARGS} would. */
  static Run stream(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StreamMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheCommands() {
    Run r = stream("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("run").contains("publish").contains("docs/stream.md");
    assertThat(stream("run", "--help").out())
        .contains("--bootstrap-servers")
        .contains("--until-caught-up")
        .contains("--checkpoints")
        .contains("--restore");
  }

  @Test
  void badUsageExitsTwoWithTheReason() {
    Run missing = stream("run", "--terms", "t.yaml");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .contains("--bootstrap-servers")
        .contains("see: trucewatch stream run --help");
    Run every = runDemoTerms("--checkpoint-every", "0");
    assertThat(every.code()).isEqualTo(2);
    assertThat(every.err()).contains("--checkpoint-every must be at least 1, was 0");
    assertThat(stream("publish", "--bootstrap-servers", "127.0.0.1:1").code()).isEqualTo(2);
    Run both = runDemoTerms("--until-caught-up", "--restore", dir.toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--until-caught-up is for a job that starts from the topic's");
    Run wait = runDemoTerms("--kafka-wait", "0");
    assertThat(wait.code()).isEqualTo(2);
    assertThat(wait.err()).contains("--kafka-wait must be at least 1, was 0");
    for (String cluster : List.of("flink.example", "flink.example:0", ":8081", "h:x")) {
      Run where = runDemoTerms("--jobmanager", cluster);
      assertThat(where.code()).as(cluster).isEqualTo(2);
      assertThat(where.err()).contains("--jobmanager must be HOST:PORT, was " + cluster);
    }
    assertThat(stream("replay").code()).isEqualTo(2);
  }

  @Test
  void badInputExitsOneNamingItBeforeKafkaIsAsked() throws Exception {
    // nothing listens on port 1: each answer comes before the job or the producer would try it
    Path terms = dir.resolve("terms.yaml");
    Files.writeString(terms, "truce: [unclosed\n", StandardCharsets.UTF_8);
    Run r = stream("run", "--bootstrap-servers", "127.0.0.1:1", "--terms", terms.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: terms.yaml").doesNotContain("Exception");

    Run gone = runDemoTerms("--restore", dir.resolve("no-such-checkpoint").toString());
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("no-such-checkpoint: no such checkpoint");

    // run from a build's classes, as here, there is no jar to send to a cluster
    Run classes = runDemoTerms("--jobmanager", "127.0.0.1:1");
    assertThat(classes.code()).isEqualTo(1);
    assertThat(classes.err())
        .startsWith("error: --jobmanager sends the job's jar to the cluster, but the job runs from")
        .contains("not from trucewatch-stream.jar");

    Run file = stream("publish", "--bootstrap-servers", "127.0.0.1:1", "missing.csv.gz");
    assertThat(file.code()).isEqualTo(1);
    assertThat(file.err()).isEqualTo("error: missing.csv.gz: no such file\n");
  }

  @Test
  void kafkaThatDoesNotAnswerIsNamedWithTheWait() throws Exception {
    Path f = dir.resolve("f.csv");
    Files.writeString(f, "latitude,longitude,acq_date\n", StandardCharsets.UTF_8);
    Run r =
        stream("publish", "--bootstrap-servers", "127.0.0.1:1", "--kafka-wait", "1", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "error: Kafka at 127.0.0.1:1 did not answer within 1 s (is it running there?)\n");
    Run job = runDemoTerms("--kafka-wait", "1");
    assertThat(job.code()).isEqualTo(1);
    assertThat(job.err()).contains("Kafka at 127.0.0.1:1 did not answer within 1 s");
  }

  /** {@code run} with the demo's terms against a port where no broker listens. */
  private static Run runDemoTerms(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "run",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--terms",
                "../data/terms/demo-truce.yaml"));
    a.addAll(List.of(more));
    return stream(a.toArray(String[]::new));
  }
}
