package org.trucewatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job submitted to a Flink session cluster of its own processes, as an operator runs it: a
 * JobManager and a TaskManager, each a JVM of Flink's runtime without the job's code or libraries,
 * and {@code trucewatch-stream.jar run --jobmanager} from the packaged jar, which sends the jar and
 * the libraries Flink lacks. The cluster runs it to the end, and it states the same days as the job
 * run in a mini cluster over the same files; a job cancelled on the cluster and started again from
 * its checkpoint goes on where it stopped. Runs after {@code package} (failsafe), when the jar and
 * its {@code lib/} exist.
 */
class FlinkClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR = Path.of("target", "trucewatch-stream.jar");
  private static final Path TERMS = Path.of("..", "data", "terms", "demo-truce.yaml");

  /**
   * What the cluster's JVMs leave out of the test's class path (by the start of a jar's name): the
   * job's code and every library that only the job needs, so that they reach the cluster only in
   * the jars the command sends.
   */
  private static final Pattern NOT_ON_THE_CLUSTER =
      Pattern.compile(
          "trucewatch-|flink-connector-|kafka|jts-|fastcsv-|picocli-|jackson-|openhtmltopdf-"
              + "|pdfbox|fontbox|batik-|xmlgraphics|xml-apis|graphics2d|xmpbox|junit|assertj"
              + "|jazzer|opentest4j|apiguardian");

  private static KafkaBroker kafka;
  private static final List<Process> cluster = new ArrayList<>();
  private static Path tmp;
  private static int rest;
  private static String api;

  /** A Kafka broker, and a cluster of one JobManager and one TaskManager for the tests. */
  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("trucewatch-flink-");
    assertThat(JAR).as("the packaged job (mvn package)").isRegularFile();
    kafka = new KafkaBroker();
    rest = freePort();
    cluster.add(start("jobmanager", List.of()));
    cluster.add(
        start(
            "taskmanager",
            List.of(
                // what Flink's taskmanager.sh works out from the memory settings
                "-D", "taskmanager.cpu.cores=2.0",
                "-D", "taskmanager.memory.framework.heap.size=128m",
                "-D", "taskmanager.memory.framework.off-heap.size=128m",
                "-D", "taskmanager.memory.task.heap.size=512m",
                "-D", "taskmanager.memory.task.off-heap.size=0m",
                "-D", "taskmanager.memory.network.min=64m",
                "-D", "taskmanager.memory.network.max=64m",
                "-D", "taskmanager.memory.managed.size=64m",
                "-D", "taskmanager.memory.jvm-metaspace.size=256m",
                "-D", "taskmanager.memory.jvm-overhead.min=192m",
                "-D", "taskmanager.memory.jvm-overhead.max=192m")));
    api = "http://127.0.0.1:" + rest;
    awaitSlots();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : cluster) {
      p.destroy();
    }
    for (Process p : cluster) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void theJobSentToAFlinkClusterStatesWhatItStatesInAMiniCluster() throws Exception {
    List<String> files = new ArrayList<>();
    for (int d : List.of(226, 227, 228)) {
      files.add(firms("J1", "VJ114", d));
      files.add(firms("SUOMI", "VNP14", d));
    }
    for (String prefix : List.of("cluster", "mini")) {
      publish(prefix, files);
    }

    // on the cluster, as ./trucewatch stream runs it: from its jar
    Path out = tmp.resolve("run.out");
    Process run = job("cluster", out, "--until-caught-up");
    assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the run ends").isTrue();
    String said = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(run.exitValue()).as(said).isZero();
    assertThat(said)
        .containsPattern(
            "job [0-9a-f]{32}: files from cluster.files, .*; on the cluster at 127.0.0.1:"
                + rest
                + ", with \\d+ jars")
        .containsPattern("job [0-9a-f]{32} finished");
    // the cluster ran it (not a mini cluster of the command's own)
    java.util.regex.Matcher named = Pattern.compile("job ([0-9a-f]{32}): ").matcher(said);
    assertThat(named.find()).isTrue();
    String id = named.group(1);
    JsonNode job = get(api + "/jobs/" + id);
    assertThat(job.path("name").asText()).isEqualTo("trucewatch demo-truce.yaml");
    assertThat(job.path("state").asText()).isEqualTo("FINISHED");

    // the same job in a mini cluster, over the same files
    List<String> mini = new ArrayList<>(kafka.arguments("run", "mini"));
    mini.addAll(List.of("--terms", TERMS.toString(), "--until-caught-up"));
    StreamMainTest.Run m = StreamMainTest.stream(mini.toArray(String[]::new));
    assertThat(m.code()).as(m.err()).isZero();

    Map<String, JsonNode> onCluster = lastFigures("cluster.days");
    assertThat(onCluster).hasSizeGreaterThan(2);
    assertThat(onCluster).isEqualTo(lastFigures("mini.days"));
    assertThat(stored("cluster.ingests")).isEqualTo(stored("mini.ingests"));
    assertThat(stored("cluster.ingests")).hasSize(files.size());
  }

  /**
   * On the cluster, the job keeps its state in the folder {@code --checkpoints} names (one that the
   * TaskManager sees), and a job started with {@code --restore} from a checkpoint goes on where the
   * one cancelled stopped: it knows the files taken in and numbers the days' versions on.
   */
  @Test
  void onTheClusterAJobRestoredFromItsCheckpointGoesOnWhereItStopped() throws Exception {
    Path checkpoints = tmp.resolve("checkpoints");
    String a = firms("J1", "VJ114", 229);
    String b = firms("SUOMI", "VNP14", 229);
    publish("kept", List.of(a));
    Process first =
        job(
            "kept",
            tmp.resolve("first.out"),
            "--checkpoints",
            checkpoints.toString(),
            "--checkpoint-every",
            "1");
    try {
      assertThat(kafka.await("kept.ingests", 1, Duration.ofMinutes(2))).hasSize(1);
      String id = runningJob();
      Path jobDir = checkpoints.resolve(id);
      // a checkpoint begun after the file was taken in holds it
      int before = TruceStreamTest.newestCheckpoint(jobDir, false);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (TruceStreamTest.newestCheckpoint(jobDir, true) <= before
          && System.nanoTime() - deadline < 0) {
        Thread.sleep(100);
      }
      cancel(id);
      int kept = TruceStreamTest.newestCheckpoint(jobDir, true);
      assertThat(kept).as("a checkpoint in " + jobDir).isGreaterThan(before);
      List<JsonNode> statedFirst = values("kept.days");
      assertThat(statedFirst).isNotEmpty();

      // A again and B: the job restored knows A, and B revises the days A stated
      publish("kept", List.of(a, b));
      Process second =
          job(
              "kept",
              tmp.resolve("second.out"),
              "--restore",
              jobDir.resolve("chk-" + kept).toString());
      try {
        List<String> statuses = new ArrayList<>();
        for (KafkaBroker.Record r : kafka.await("kept.ingests", 3, Duration.ofMinutes(2))) {
          statuses.add(JSON.readTree(r.value()).path("status").asText());
        }
        assertThat(statuses).containsExactly("ingested", "already-ingested", "ingested");
        cancel(runningJob());
        List<JsonNode> all = values("kept.days");
        List<JsonNode> revised = all.subList(statedFirst.size(), all.size());
        assertThat(revised).isNotEmpty();
        Map<String, Integer> versions = new TreeMap<>();
        statedFirst.forEach(n -> versions.put(n.path("date").asText(), n.path("version").asInt()));
        for (JsonNode n : revised) {
          Integer was = versions.get(n.path("date").asText());
          if (was != null) {
            assertThat(n.path("version").asInt()).isEqualTo(was + 1);
          }
          versions.put(n.path("date").asText(), n.path("version").asInt());
        }
        assertThat(revised).anyMatch(n -> n.path("change").asText().equals("revised"));
      } finally {
        second.destroy();
      }
    } finally {
      first.destroy();
    }
  }

  /** A demo file of one satellite and day of year (2025). */
  private static String firms(String satellite, String product, int day) {
    return IntakeTest.VIIRS.resolve(viirs(satellite, product, day)).toString();
  }

  private static void publish(String prefix, List<String> files) {
    List<String> a = new ArrayList<>(kafka.arguments("publish", prefix));
    a.addAll(files);
    StreamMainTest.Run p = StreamMainTest.stream(a.toArray(String[]::new));
    assertThat(p.code()).as(p.err()).isZero();
  }

  /**
   * Starts {@code java -jar trucewatch-stream.jar run --jobmanager} on the cluster with the demo
   * terms and the topics of {@code prefix}, and {@code more}, its output to {@code out}.
   */
  private static Process job(String prefix, Path out, String... more) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-Duser.timezone=UTC",
                "-jar",
                JAR.toString(),
                "run",
                "--jobmanager",
                "127.0.0.1:" + rest,
                "--terms",
                TERMS.toString()));
    command.addAll(kafka.arguments("", prefix).subList(1, 9));
    command.addAll(List.of(more));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }

  /** The id of the cluster's one running job, once it runs. */
  private static String runningJob() throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() - deadline < 0) {
      for (JsonNode j : get(api + "/jobs/overview").path("jobs")) {
        if (j.path("state").asText().equals("RUNNING")) {
          return j.path("jid").asText();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no job runs on the cluster");
  }

  /** Cancels a job through the cluster's REST API and waits until it is cancelled. */
  private static void cancel(String id) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(api + "/jobs/" + id + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!get(api + "/jobs/" + id).path("state").asText().equals("CANCELED")
        && System.nanoTime() - deadline < 0) {
      Thread.sleep(200);
    }
    assertThat(get(api + "/jobs/" + id).path("state").asText()).isEqualTo("CANCELED");
  }

  private static List<JsonNode> values(String topic) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (KafkaBroker.Record r : kafka.readAll(topic)) {
      out.add(JSON.readTree(r.value()));
    }
    return out;
  }

  private static String viirs(String satellite, String product, int day) {
    return satellite + "_VIIRS_C2_Global_" + product + "IMGTDL_NRT_2025" + day + ".txt.csv.gz";
  }

  /** Each day's last figures on a days topic, without when they were stated. */
  private static Map<String, JsonNode> lastFigures(String topic) throws IOException {
    Map<String, JsonNode> out = new TreeMap<>();
    for (KafkaBroker.Record r : kafka.readAll(topic)) {
      JsonNode figures = JSON.readTree(r.value()).path("figures").deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) figures).remove("stated");
      out.put(r.key(), figures);
    }
    return out;
  }

  /** Each file's name and rows stored, as its ingest report says, in order. */
  private static List<String> stored(String topic) throws IOException {
    List<String> out = new ArrayList<>();
    for (KafkaBroker.Record r : kafka.readAll(topic)) {
      JsonNode n = JSON.readTree(r.value());
      out.add(n.path("file").asText() + " " + n.path("stored").asLong());
    }
    return out;
  }

  /**
   * Starts a JobManager or TaskManager of Flink's runtime, on the test's class path without what
   * only the job needs, configured in its own folder to find the JobManager and answer REST on
   * {@code rest}.
   */
  private static Process start(String role, List<String> dynamic) throws IOException {
    Path conf = Files.createDirectories(tmp.resolve(role + "-conf"));
    Files.writeString(
        conf.resolve("config.yaml"),
        "jobmanager.rpc.address: 127.0.0.1\n"
            + "jobmanager.rpc.port: "
            + RPC_PORT
            + "\n"
            + "jobmanager.bind-host: 127.0.0.1\n"
            + "jobmanager.memory.process.size: 1024m\n"
            + "taskmanager.bind-host: 127.0.0.1\n"
            + "taskmanager.host: 127.0.0.1\n"
            + "taskmanager.numberOfTaskSlots: 2\n"
            + "rest.address: 127.0.0.1\n"
            + "rest.bind-address: 127.0.0.1\n"
            + "rest.port: "
            + rest
            + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        conf.resolve("logback.xml"),
        "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n</pattern></encoder>"
            + "</appender><root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>",
        StandardCharsets.UTF_8);
    List<String> classPath = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      // the job's own modules: their jars, or a reactor build's classes folders
      if (!NOT_ON_THE_CLUSTER.matcher(Path.of(e).getFileName().toString()).lookingAt()
          && !e.contains("trucewatch")) {
        classPath.add(e);
      }
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-Xmx" + (role.equals("jobmanager") ? "512m" : "700m"),
                "-Duser.timezone=UTC",
                "-Dlogback.configurationFile=" + conf.resolve("logback.xml"),
                "-cp",
                String.join(File.pathSeparator, classPath),
                role.equals("jobmanager")
                    ? "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"
                    : "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "--configDir",
                conf.toString()));
    command.addAll(dynamic);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve(role + ".log").toFile())
        .start();
  }

  /** The JobManager's RPC port, which the TaskManager is told; chosen once per run. */
  private static final int RPC_PORT = freePort();

  /**
   * Waits until the cluster offers a task slot, or fails with what its processes said when one of
   * them ended or none was offered in two minutes.
   */
  private static void awaitSlots() throws Exception {
    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() - until < 0 && cluster.stream().allMatch(Process::isAlive)) {
      try {
        if (get(api + "/overview").path("slots-available").asInt() > 0) {
          return;
        }
      } catch (IOException e) {
        // not answering yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "the cluster offered no task slot:\n"
            + Files.readString(tmp.resolve("jobmanager.log"), StandardCharsets.UTF_8)
            + Files.readString(tmp.resolve("taskmanager.log"), StandardCharsets.UTF_8));
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
