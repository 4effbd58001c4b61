package org.trucewatch.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.trucewatch.assessment.Finding;
import org.trucewatch.reports.ReportJson;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.FirstStated;
import org.trucewatch.run.Restatement;

/**
 * The job's one stateful step, for one truce (one key): takes each file in ({@link Intake}) and,
 * when it took something, runs the whole path over everything taken in ({@link Restatement}, as the
 * server does after each ingest) and states each day whose figures changed. Its state is the files
 * it took in, in order, and each day's versions: a task that starts again from a checkpoint reads
 * the files again and goes on numbering the versions where it was. It also keeps the evidence of
 * the last statement's violations and probable violations, to tell which findings a statement
 * states for the first time ({@link FirstStated}), as the server's alerts do.
 */
final class AssessFiles extends KeyedProcessFunction<String, Upload, Message> {
  private static final long serialVersionUID = 1L;

  /** The ingest report of each file, keyed by the file's name. */
  static final OutputTag<Message> INGESTS =
      new OutputTag<>("ingests", TypeInformation.of(Message.class));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TruceSetup setup;
  private transient ListState<Upload> files;
  private transient ListState<String> versions;
  private transient ListState<String> seriousState;
  private transient Set<String> serious;
  private transient Intake intake;
  private transient Map<LocalDate, List<DayRevision>> history;
  private transient Clock clock;

  AssessFiles(TruceSetup setup) {
    this.setup = setup;
  }

  @Override
  public void open(OpenContext context) {
    files = getRuntimeContext().getListState(new ListStateDescriptor<>("files", Upload.class));
    versions =
        getRuntimeContext().getListState(new ListStateDescriptor<>("versions", String.class));
    seriousState =
        getRuntimeContext().getListState(new ListStateDescriptor<>("serious", String.class));
    clock = Clock.systemUTC();
    setup.prepared();
  }

  @Override
  public void processElement(Upload upload, Context ctx, Collector<Message> out) throws Exception {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    restore(now);
    TruceSetup.Prepared p = setup.prepared();
    Intake.Taken taken = intake.take(upload.name, upload.content, now);
    ObjectNode report = taken.report();
    if (taken.stored()) {
      files.add(upload);
      Restatement r =
          Restatement.of(
              intake.inputs(p.termsFile()),
              p.truce(),
              p.classifier(),
              history,
              now,
              intake.filesTaken());
      // the violations and probable violations stated for the first time, as the alerts tell them
      Map<LocalDate, List<Finding>> news = new TreeMap<>();
      for (Finding f : FirstStated.of(r.result().findings(), serious)) {
        news.computeIfAbsent(p.truce().terms().reportDay(f.first()), d -> new ArrayList<>()).add(f);
      }
      serious = FirstStated.evidence(r.result().findings());
      seriousState.update(new ArrayList<>(serious));
      ArrayNode first = report.putArray("days_first_stated");
      ArrayNode revised = report.putArray("days_revised");
      for (Map.Entry<LocalDate, DayRevision> e : r.revised().entrySet()) {
        LocalDate day = e.getKey();
        List<DayRevision> days = history.computeIfAbsent(day, d -> new ArrayList<>());
        days.add(e.getValue());
        versions.add(versionLine(day, e.getValue()));
        (days.size() == 1 ? first : revised).add(day.toString());
        out.collect(
            new Message(
                day.toString(),
                dayStated(day, days, news.getOrDefault(day, List.of()), upload.name)));
      }
    }
    ctx.output(INGESTS, new Message(upload.name, write(report)));
  }

  /**
   * After a start, takes in again the files of the state (a start from a checkpoint has some) and
   * reads the days' versions back.
   */
  private void restore(Instant now) throws Exception {
    if (intake != null) {
      return;
    }
    intake = new Intake(setup.prepared().area());
    for (Upload u : files.get()) {
      intake.take(u.name, u.content, now);
    }
    serious = new HashSet<>();
    seriousState.get().forEach(serious::add);
    history = new TreeMap<>();
    for (String line : versions.get()) {
      JsonNode n = JSON.readTree(line);
      // a line kept before the versions kept their counts by area has none
      DayRevision r = ReportJson.revision(n.path("figures"));
      if (n.hasNonNull("areas")) {
        r = r.withAreas(JSON.treeToValue(n.path("areas"), DayRevision.Areas.class));
      }
      history
          .computeIfAbsent(LocalDate.parse(n.path("date").asText()), d -> new ArrayList<>())
          .add(r);
    }
  }

  /** The message of a day stated anew (docs/stream.md). */
  private String dayStated(
      LocalDate day, List<DayRevision> days, List<Finding> firstStated, String file) {
    ObjectNode n = JSON.createObjectNode();
    n.put("event", "day-stated");
    n.put("terms", setup.termsName());
    ReportJson.dayStated(n, day, days);
    ArrayNode first = n.putArray("first_stated_findings");
    firstStated.forEach(f -> ReportJson.firstStated(first.addObject(), f, day));
    n.put("file", file);
    return write(n);
  }

  private static String versionLine(LocalDate day, DayRevision r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("date", day.toString());
    ReportJson.revision(n.putObject("figures"), r);
    n.set("areas", JSON.valueToTree(r.areas()));
    return write(n);
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a message could not be written", e);
    }
  }
}
