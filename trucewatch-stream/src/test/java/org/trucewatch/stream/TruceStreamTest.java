package org.trucewatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.reports.ReportJson;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.FirstStated;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.Restatement;
import org.trucewatch.sources.firms.FirmsFiles;
import org.trucewatch.sources.reports.SurveillanceReportReader;

/**
 * The job end to end, against a real Kafka broker and Flink's mini cluster: files published to the
 * topic, the days stated and the ingest reports read back from theirs.
 */
class TruceStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO_TERMS = Path.of("..", "data", "terms", "demo-truce.yaml");

  /** The demo terms with a clause on gunfire and explosions in the buffer zone (C2). */
  private static Path termsFile;

  /** Four days of both satellites around the truce's start (15 August 2025). */
  private static final List<String> FIRMS =
      Stream.of(226, 227, 228, 229)
          .flatMap(
              d ->
                  Stream.of(
                      "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025" + d + ".txt.csv.gz",
                      "SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025" + d + ".txt.csv.gz"))
          .toList();

  @TempDir static Path dir;
  private static KafkaBroker kafka;
  private static Path reports;

  @BeforeAll
  static void start() throws Exception {
    kafka = new KafkaBroker();
    termsFile = Files.createDirectories(dir.resolve("c2")).resolve("demo-truce.yaml");
    Files.writeString(
        termsFile,
        Files.readString(DEMO_TERMS, StandardCharsets.UTF_8)
            .replace(
                "control_map: ../",
                "control_map: "
                    + DEMO_TERMS
                        .toAbsolutePath()
                        .getParent()
                        .getParent()
                        .toString()
                        .replace('\\', '/')
                    + "/")
            .replace(
                "clauses:\n",
                "clauses:\n  - id: C2\n    type: reported-activity-in-zone\n"
                    + "    zones: [buffer-15km]\n    events: [explosion, gunfire]\n"),
        StandardCharsets.UTF_8);
    reports = dir.resolve("reports.csv");
    // two sources that heard gunfire in the buffer zone: a violation of C2
    Files.writeString(
        reports,
        IntakeTest.REPORTS_HEADER
            + "R-1,AC-1,acoustic,DE,2025-08-16T21:10:00Z,47.90,37.50,1500,gunfire,4,mission\n"
            + "R-2,OBS-2,observer,FR,2025-08-16T21:20:00Z,47.91,37.52,3000,gunfire,2,members\n"
            + "R-3,CAM-1,camera,PL,2025-08-17T03:00:00Z,47.10,35.60,500,explosion,1,public\n",
        StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() throws Exception {
    kafka.stop();
  }

  private static String[] args(String command, String prefix, String... more) {
    List<String> a = new ArrayList<>(kafka.arguments(command, prefix));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static List<JsonNode> values(String topic) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (KafkaBroker.Record r : kafka.readAll(topic)) {
      out.add(JSON.readTree(r.value()));
    }
    return out;
  }

  private static String firms(String name) {
    return IntakeTest.VIIRS.resolve(name).toString();
  }

  @Test
  void theJobStatesWhatTheWholePathStatesOverTheSameFiles() throws Exception {
    List<String> published = new ArrayList<>();
    FIRMS.forEach(f -> published.add(firms(f)));
    published.add(reports.toString());
    StreamMainTest.Run p =
        StreamMainTest.stream(args("publish", "t1", published.toArray(String[]::new)));
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out().lines()).hasSize(9);

    StreamMainTest.Run r =
        StreamMainTest.stream(
            args("run", "t1", "--terms", termsFile.toString(), "--until-caught-up"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("files from t1.files").contains("finished");

    // one ingest report per file, in the topic's order
    List<JsonNode> ingests = values("t1.ingests");
    assertThat(ingests)
        .extracting(n -> n.path("file").asText())
        .containsExactlyElementsOf(
            published.stream().map(f -> Path.of(f).getFileName().toString()).toList());
    assertThat(ingests).allMatch(n -> n.path("status").asText().equals("ingested"));
    assertThat(ingests)
        .extracting(n -> n.path("ingest_id").asLong())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(ingests.get(8).path("format").asText()).isEqualTo("surveillance-reports");
    assertThat(ingests.get(8).path("stored").asLong()).isEqualTo(3);

    // each day's statements: versions 1, 2, … each naming the version before
    Map<LocalDate, List<JsonNode>> byDay = new TreeMap<>();
    for (KafkaBroker.Record m : kafka.readAll("t1.days")) {
      JsonNode n = JSON.readTree(m.value());
      assertThat(m.key()).isEqualTo(n.path("date").asText());
      assertThat(n.path("event").asText()).isEqualTo("day-stated");
      assertThat(n.path("terms").asText()).isEqualTo("demo-truce.yaml");
      byDay.computeIfAbsent(LocalDate.parse(m.key()), d -> new ArrayList<>()).add(n);
    }
    Set<String> firstStated = new HashSet<>();
    ingests.forEach(n -> n.path("days_first_stated").forEach(d -> firstStated.add(d.asText())));
    assertThat(firstStated)
        .containsExactlyInAnyOrderElementsOf(
            byDay.keySet().stream().map(LocalDate::toString).toList());
    for (List<JsonNode> versions : byDay.values()) {
      for (int k = 0; k < versions.size(); k++) {
        JsonNode v = versions.get(k);
        assertThat(v.path("version").asInt()).isEqualTo(k + 1);
        assertThat(v.path("change").asText()).isEqualTo(k == 0 ? "first-stated" : "revised");
        if (k > 0) {
          assertThat(v.path("previous")).isEqualTo(versions.get(k - 1).path("figures"));
        }
      }
    }

    // the whole path run once over the same files, read here without the job's intake
    Map<LocalDate, DayRevision> batch = batch(published);
    assertThat(byDay.keySet()).containsExactlyElementsOf(batch.keySet());
    int reportsCounted = 0;
    int inBuffer = 0;
    for (Map.Entry<LocalDate, DayRevision> e : batch.entrySet()) {
      List<JsonNode> versions = byDay.get(e.getKey());
      DayRevision streamed = ReportJson.revision(versions.get(versions.size() - 1).path("figures"));
      DayRevision expected = e.getValue();
      assertThat(figures(streamed)).as(e.getKey().toString()).isEqualTo(figures(expected));
      reportsCounted += streamed.reports();
      inBuffer += streamed.inBuffer();
    }
    assertThat(reportsCounted).isEqualTo(3);
    // not a vacuous agreement: the days hold detections in the buffer zone and the reports
    assertThat(inBuffer).isPositive();

    // the findings first stated, as the server's alerts name them: each a violation or probable
    // violation of its record's day, and at the first file that states any, those that the whole
    // path over the files up to it states and over the files before it did not
    Map<String, Set<String>> firstByFile = new LinkedHashMap<>();
    for (List<JsonNode> versions : byDay.values()) {
      for (JsonNode v : versions) {
        for (JsonNode f : v.path("first_stated_findings")) {
          assertThat(f.path("verdict").asText()).isIn("violation", "probable-violation");
          assertThat(f.path("report_day").asText()).isEqualTo(v.path("date").asText());
          firstByFile
              .computeIfAbsent(v.path("file").asText(), k -> new TreeSet<>())
              .add(f.path("id").asText());
        }
      }
    }
    assertThat(firstByFile).isNotEmpty();
    int k = 0;
    while (!firstByFile.containsKey(Path.of(published.get(k)).getFileName().toString())) {
      k++;
    }
    String fileK = Path.of(published.get(k)).getFileName().toString();
    Set<String> before = FirstStated.evidence(run(published.subList(0, k)).result().findings());
    Restatement upTo = run(published.subList(0, k + 1));
    Set<String> daysOfK = new HashSet<>();
    byDay.forEach(
        (day, versions) -> {
          if (versions.stream().anyMatch(v -> v.path("file").asText().equals(fileK))) {
            daysOfK.add(day.toString());
          }
        });
    var terms = TruceSetup.read(termsFile, null, null).prepared().truce().terms();
    Set<String> expected = new TreeSet<>();
    for (var f : FirstStated.of(upTo.result().findings(), before)) {
      if (daysOfK.contains(terms.reportDay(f.first()).toString())) {
        expected.add(f.id());
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(firstByFile.get(fileK)).isEqualTo(expected);
  }

  @Test
  void aFileGivenTwiceChangesNothingAndABrokenFileIsNamed() throws Exception {
    Path broken = dir.resolve("broken.csv");
    Files.writeString(
        broken,
        "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence\n"
            + "47.6,37.8,300.1,0.5,0.5,2025-08-16,21:10:00,N,nominal\n"
            + "95,37.8,300.1,0.5,0.5,2025-08-16,21:10:00,N,nominal\n",
        StandardCharsets.UTF_8);
    String a = firms(FIRMS.get(2));
    String b = firms(FIRMS.get(3));
    StreamMainTest.Run p = StreamMainTest.stream(args("publish", "t2", a, a, broken.toString(), b));
    assertThat(p.code()).as(p.err()).isZero();
    StreamMainTest.Run r =
        StreamMainTest.stream(
            args("run", "t2", "--terms", termsFile.toString(), "--until-caught-up"));
    assertThat(r.code()).as(r.err()).isZero();

    List<JsonNode> ingests = values("t2.ingests");
    assertThat(ingests)
        .extracting(n -> n.path("status").asText())
        .containsExactly("ingested", "already-ingested", "ingested", "ingested");
    assertThat(ingests.get(1).path("stored").asLong()).isZero();
    JsonNode bad = ingests.get(2);
    assertThat(bad.path("stored").asLong()).isEqualTo(1);
    assertThat(bad.at("/rejections/rows/0/file").asText()).isEqualTo("broken.csv");
    assertThat(bad.at("/rejections/rows/0/line").asLong()).isEqualTo(3);
    assertThat(bad.at("/rejections/rows/0/field").asText()).isEqualTo("latitude");
    assertThat(bad.at("/rejections/rows/0/raw").asText()).startsWith("95,");

    // the days stated: by the first copy of A, the broken file's good row and B; none by the copy
    List<JsonNode> days = values("t2.days");
    int told = 0;
    for (JsonNode n : ingests) {
      told += n.path("days_first_stated").size() + n.path("days_revised").size();
    }
    assertThat(days).hasSize(told).isNotEmpty();
    assertThat(ingests.get(1).has("days_first_stated")).isFalse();
    assertThat(days)
        .extracting(n -> n.path("file").asText())
        .containsOnly(
            Path.of(a).getFileName().toString(), "broken.csv", Path.of(b).getFileName().toString());
  }

  @Test
  void aJobStartedFromItsCheckpointGoesOnWhereItStopped() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    // two files of the same UTC day: the second revises the days the first stated; the reports
    // make a violation of C2, and a third report on the same gunfire joins its incident
    String a = firms(FIRMS.get(4));
    String b = firms(FIRMS.get(5));
    Path third = dir.resolve("third.csv");
    Files.writeString(
        third,
        IntakeTest.REPORTS_HEADER
            + "R-4,CAM-9,camera,PL,2025-08-16T21:15:00Z,47.905,37.51,500,gunfire,1,public\n",
        StandardCharsets.UTF_8);
    TruceSetup setup = TruceSetup.read(termsFile, null, null);
    TruceStream.Settings settings =
        new TruceStream.Settings(
            kafka.bootstrapServers(),
            new TruceStream.Topics("t3.files", "t3.days", "t3.ingests"),
            false);
    assertThat(StreamMainTest.stream(args("publish", "t3", a, reports.toString())).code()).isZero();

    StreamExecutionEnvironment first =
        StreamExecutionEnvironment.getExecutionEnvironment(
            StreamMain.configuration(checkpoints, 1, null));
    TruceStream.define(first, settings, setup);
    JobClient job = first.executeAsync("first");
    assertThat(kafka.await("t3.ingests", 2, Duration.ofMinutes(2))).hasSize(2);
    Path jobDir = checkpoints.resolve(job.getJobID().toString());
    // a checkpoint begun after the files were taken in holds them
    int before = newestCheckpoint(jobDir, false);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (newestCheckpoint(jobDir, true) <= before && System.nanoTime() - deadline < 0) {
      Thread.sleep(100);
    }
    job.cancel().get();
    int kept = newestCheckpoint(jobDir, true);
    assertThat(kept).isGreaterThan(before);
    List<JsonNode> statedFirst = values("t3.days");
    assertThat(statedFirst).isNotEmpty();
    assertThat(gunfireFirstStated(statedFirst)).as("the reports' violation, named once").hasSize(1);

    // A again, B and the third report: the job restored knows A, goes on numbering the days'
    // versions, and knows that the gunfire's violation was stated before
    assertThat(StreamMainTest.stream(args("publish", "t3", a, b, third.toString())).code())
        .isZero();
    StreamExecutionEnvironment second =
        StreamExecutionEnvironment.getExecutionEnvironment(
            StreamMain.configuration(checkpoints, 1, jobDir.resolve("chk-" + kept)));
    TruceStream.define(second, settings, setup);
    JobClient again = second.executeAsync("second");
    List<JsonNode> ingests = new ArrayList<>();
    for (KafkaBroker.Record m : kafka.await("t3.ingests", 5, Duration.ofMinutes(2))) {
      ingests.add(JSON.readTree(m.value()));
    }
    again.cancel().get();
    assertThat(ingests)
        .extracting(n -> n.path("status").asText())
        .containsExactly("ingested", "ingested", "already-ingested", "ingested", "ingested");
    assertThat(ingests.get(3).path("ingest_id").asLong()).isEqualTo(3);
    assertThat(ingests.get(3).path("days_revised")).isNotEmpty();
    assertThat(ingests.get(4).path("ingest_id").asLong()).isEqualTo(4);
    Map<String, JsonNode> lastByDay = new LinkedHashMap<>();
    statedFirst.forEach(n -> lastByDay.put(n.path("date").asText(), n));
    List<JsonNode> all = values("t3.days");
    List<JsonNode> revised = all.subList(statedFirst.size(), all.size());
    assertThat(revised).isNotEmpty();
    for (JsonNode n : revised) {
      JsonNode earlier = lastByDay.get(n.path("date").asText());
      if (earlier != null) {
        assertThat(n.path("version").asInt()).isEqualTo(earlier.path("version").asInt() + 1);
        assertThat(n.path("previous")).isEqualTo(earlier.path("figures"));
      }
      lastByDay.put(n.path("date").asText(), n);
    }
    // the third report's day is stated anew, and its grown incident's violation is not new
    assertThat(revised).anyMatch(n -> n.path("file").asText().equals("third.csv"));
    assertThat(gunfireFirstStated(revised)).isEmpty();
  }

  /** The findings under C2 that the records name as first stated. */
  private static List<JsonNode> gunfireFirstStated(List<JsonNode> records) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : records) {
      for (JsonNode f : n.path("first_stated_findings")) {
        if (f.path("clause_id").asText().equals("C2")) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** The number of the newest checkpoint in a job's folder (completed ones only, or any). */
  static int newestCheckpoint(Path jobDir, boolean completed) throws Exception {
    if (!Files.isDirectory(jobDir)) {
      return 0;
    }
    int newest = 0;
    try (Stream<Path> s = Files.list(jobDir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith("chk-") && (!completed || Files.exists(p.resolve("_metadata")))) {
          newest = Math.max(newest, Integer.parseInt(n.substring(4)));
        }
      }
    }
    return newest;
  }

  /** The figures of a version without when it was stated or after which input. */
  private static List<Object> figures(DayRevision r) {
    return List.of(
        r.methodVersion(),
        r.coverage(),
        r.detections(),
        r.warRelated(),
        r.inBuffer(),
        r.incidents(),
        r.findings(),
        r.reports());
  }

  /** The days {@link #run} states over the files. */
  private static Map<LocalDate, DayRevision> batch(List<String> files) throws Exception {
    return run(files).revised();
  }

  /** The whole path over the files at once: each file read on its own, each detection once. */
  private static Restatement run(List<String> files) throws Exception {
    TruceSetup.Prepared p = TruceSetup.read(termsFile, null, null).prepared();
    Instant now = Instant.parse("2025-09-01T00:00:00Z");
    Map<String, Observation> detections = new LinkedHashMap<>();
    List<InputFile> firmsFiles = new ArrayList<>();
    List<SurveillanceReport> reports = new ArrayList<>();
    List<InputFile> reportFiles = new ArrayList<>();
    for (String f : files) {
      Path path = Path.of(f);
      String name = path.getFileName().toString();
      if (SurveillanceReportReader.hasReportsHeader(path)) {
        SurveillanceReportReader.Result r = SurveillanceReportReader.read(path, now);
        reports.addAll(r.reports());
        reportFiles.add(
            InputFile.reports(
                name,
                FirmsFiles.sha256(path),
                r.report(),
                r.reports().stream()
                    .map(SurveillanceReport::sourceKey)
                    .distinct()
                    .sorted()
                    .toList()));
        continue;
      }
      FirmsFiles.Read read = FirmsFiles.read(path, name, LocalDate.parse("2025-09-02"));
      long outside = 0;
      for (Observation o : read.result().observations()) {
        if (p.area().contains(o.latitude(), o.longitude())) {
          detections.putIfAbsent(o.identity(), o);
        } else {
          outside++;
        }
      }
      firmsFiles.add(read.file().withOutsideArea(outside));
    }
    return Restatement.of(
        new Restatement.Inputs(
            List.copyOf(detections.values()), reports, firmsFiles, reportFiles, p.termsFile()),
        p.truce(),
        p.classifier(),
        Map.of(),
        now,
        files.size());
  }
}
