package org.trucewatch.stream;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.sources.terms.TermsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The streaming job's command line: {@code run} the job, {@code publish} files to its topic. */
@Command(
    name = "trucewatch stream",
    mixinStandardHelpOptions = true,
    version = "Truce Watch streaming job, method " + MethodVersion.CURRENT,
    description =
        "The streaming job: FIRMS files, files of surveillance reports and watch logs from a"
            + " Kafka topic in,"
            + " each day whose figures change stated anew out (docs/stream.md).",
    subcommands = {StreamMain.Run.class, StreamMain.Publish.class, CommandLine.HelpCommand.class})
public final class StreamMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new StreamMain());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, line, parse) -> {
          line.getErr().println("error: " + oneLine(ex));
          return 1;
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine line = ex.getCommandLine();
          line.getErr().println("error: " + ex.getMessage());
          line.getErr().println("see: " + line.getCommandSpec().qualifiedName() + " --help");
          return 2;
        });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static String oneLine(Throwable ex) {
    Throwable t = ex;
    while ((t instanceof ExecutionException || t.getMessage() == null) && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Where Kafka is, and the topics. */
  static final class Kafka {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    @Option(
        names = "--bootstrap-servers",
        required = true,
        paramLabel = "HOST:PORT",
        description = "Kafka's brokers, such as localhost:9092 (comma-separated)")
    String bootstrapServers;

    @Option(
        names = "--files-topic",
        paramLabel = "TOPIC",
        description = "The topic of the files (default: ${DEFAULT-VALUE})")
    String files = TruceStream.DEFAULT_TOPICS.files();

    @Option(
        names = "--days-topic",
        paramLabel = "TOPIC",
        description = "The topic of the days stated anew (default: ${DEFAULT-VALUE})")
    String days = TruceStream.DEFAULT_TOPICS.days();

    @Option(
        names = "--ingests-topic",
        paramLabel = "TOPIC",
        description = "The topic of the files' ingest reports (default: ${DEFAULT-VALUE})")
    String ingests = TruceStream.DEFAULT_TOPICS.ingests();

    @Option(
        names = "--kafka-wait",
        paramLabel = "SECONDS",
        description = "How long to wait for Kafka's answers (default: ${DEFAULT-VALUE})")
    int waitSeconds = 30;

    TruceStream.Topics topics() {
      return new TruceStream.Topics(files, days, ingests);
    }

    Properties admin() {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, waitSeconds * 1000);
      // Kafka refuses a request timeout longer than the wait for an answer
      p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(waitSeconds * 1000, 30_000));
      return p;
    }

    /**
     * Creates the topics that do not exist: the files topic keeps its records for ever (it is the
     * job's input log), the days topic is compacted (it keeps each day's newest statement).
     */
    void createTopics() throws InterruptedException, ExecutionException {
      if (waitSeconds < 1) {
        throw new CommandLine.ParameterException(
            command.commandLine(), "--kafka-wait must be at least 1, was " + waitSeconds);
      }
      try (Admin admin = Admin.create(admin())) {
        createTopics(admin);
      } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
        throw unanswered(e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
          throw unanswered(e.getCause());
        }
        throw e;
      }
    }

    /** Kafka did not answer: say where it was looked for, and for how long. */
    IllegalStateException unanswered(Throwable e) {
      return new IllegalStateException(
          "Kafka at "
              + bootstrapServers
              + " did not answer within "
              + waitSeconds
              + " s (is it running there?)",
          e);
    }

    /**
     * Each topic the job creates has one partition: files are taken in in the order they were
     * published, and the days and ingest reports are read in the order they were stated. A few
     * records per file need no more.
     */
    private static final Optional<Integer> ONE_PARTITION = Optional.of(1);

    private void createTopics(Admin admin)
        throws InterruptedException, ExecutionException, TimeoutException {
      Set<String> existing = admin.listTopics().names().get(waitSeconds, TimeUnit.SECONDS);
      List<NewTopic> create = new ArrayList<>();
      if (!existing.contains(files)) {
        create.add(
            new NewTopic(files, ONE_PARTITION, Optional.empty())
                .configs(
                    Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        "-1",
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        String.valueOf(MAX_FILE_BYTES))));
      }
      if (!existing.contains(days)) {
        create.add(
            new NewTopic(days, ONE_PARTITION, Optional.empty())
                .configs(
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      }
      if (!existing.contains(ingests)) {
        create.add(new NewTopic(ingests, ONE_PARTITION, Optional.empty()));
      }
      if (!create.isEmpty()) {
        admin.createTopics(create).all().get(waitSeconds, TimeUnit.SECONDS);
      }
    }
  }

  /** The largest file the files topic takes when the job creates it: 16 MiB. */
  static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Runs the job on this machine (a Flink mini cluster), or with --jobmanager on a Flink"
              + " session cluster, until stopped, or with --until-caught-up until it has taken in"
              + " the files on the topic. Creates the topics that do not exist.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin Kafka kafka = new Kafka();

    @Option(names = "--terms", required = true, paramLabel = "FILE", description = "Truce terms")
    Path terms;

    @Option(
        names = "--regions",
        paramLabel = "FILE",
        description = "Regions GeoJSON (default: bundled)")
    Path regions;

    @Option(
        names = "--baseline",
        paramLabel = "FILE",
        description = "Background history (default: bundled)")
    Path baseline;

    @Option(
        names = "--jobmanager",
        paramLabel = "HOST:PORT",
        description =
            "Submit the job to the Flink session cluster whose JobManager answers REST there"
                + " (its rest.port, 8081 by default), with the job's jar and the libraries Flink"
                + " lacks; without it, the job runs here in a mini cluster")
    String jobManager;

    @Option(
        names = "--until-caught-up",
        description = "Stop once the files on the topic when the job started are taken in")
    boolean untilCaughtUp;

    @Option(
        names = "--checkpoints",
        paramLabel = "DIR",
        description =
            "Keep the job's state (the files taken in, each day's versions) in DIR every"
                + " --checkpoint-every seconds, and keep the newest when the job is stopped")
    Path checkpoints;

    @Option(
        names = "--checkpoint-every",
        paramLabel = "SECONDS",
        description = "How often to keep the state with --checkpoints (default: ${DEFAULT-VALUE})")
    int checkpointEvery = 60;

    @Option(
        names = "--restore",
        paramLabel = "DIR",
        description =
            "Start from a kept state: a checkpoint (DIR/JOB/chk-N) that --checkpoints kept")
    Path restore;

    @Override
    public Integer call() throws Exception {
      if (checkpointEvery < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--checkpoint-every must be at least 1, was " + checkpointEvery);
      }
      if (untilCaughtUp && restore != null) {
        // a reader restored from a job that ran on keeps no end to stop at
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--until-caught-up is for a job that starts from the topic's beginning, not with"
                + " --restore");
      }
      java.net.InetSocketAddress cluster = jobManager == null ? null : hostAndPort(jobManager);
      List<String> jars = cluster == null ? List.of() : JobJars.shipped();
      TruceSetup setup;
      try {
        setup = TruceSetup.read(terms, regions, baseline);
      } catch (TermsException | IOException e) {
        spec.commandLine().getErr().println("error: " + oneLine(e));
        return 1;
      }
      if (restore != null && !Files.isDirectory(restore)) {
        spec.commandLine().getErr().println("error: " + restore + ": no such checkpoint");
        return 1;
      }
      kafka.createTopics();
      StreamExecutionEnvironment env =
          cluster == null
              ? StreamExecutionEnvironment.getExecutionEnvironment(configuration())
              : StreamExecutionEnvironment.createRemoteEnvironment(
                  cluster.getHostString(),
                  cluster.getPort(),
                  configuration(),
                  jars.toArray(String[]::new));
      TruceStream.define(
          env,
          new TruceStream.Settings(kafka.bootstrapServers, kafka.topics(), untilCaughtUp),
          setup);
      PrintWriter out = spec.commandLine().getOut();
      JobClient job = env.executeAsync("trucewatch " + setup.termsName());
      out.printf(
          Locale.ROOT,
          "job %s: files from %s, days to %s, ingest reports to %s (method %s)%s%n",
          job.getJobID(),
          kafka.files,
          kafka.days,
          kafka.ingests,
          MethodVersion.CURRENT,
          cluster == null
              ? ""
              : "; on the cluster at " + jobManager + ", with " + jars.size() + " jars");
      job.getJobExecutionResult().get();
      out.println("job " + job.getJobID() + " finished");
      return 0;
    }

    Configuration configuration() {
      return StreamMain.configuration(checkpoints, checkpointEvery, restore);
    }

    /** {@code HOST:PORT}, or a usage error naming the option and the value. */
    private java.net.InetSocketAddress hostAndPort(String v) {
      int colon = v.lastIndexOf(':');
      int port = -1;
      if (colon > 0) {
        try {
          port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = -1;
        }
      }
      if (port < 1 || port > 65535) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--jobmanager must be HOST:PORT, was " + v);
      }
      return java.net.InetSocketAddress.createUnresolved(v.substring(0, colon), port);
    }
  }

  /**
   * Flink's configuration of a job that keeps its state in {@code checkpoints} (or null) every
   * {@code seconds}, kept when the job is cancelled, and starts from {@code restore} (or null).
   */
  static Configuration configuration(Path checkpoints, int seconds, Path restore) {
    Configuration c = new Configuration();
    if (checkpoints != null) {
      c.set(
          CheckpointingOptions.CHECKPOINTS_DIRECTORY,
          checkpoints.toAbsolutePath().toUri().toString());
      c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(seconds));
      c.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }
    if (restore != null) {
      c.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.toAbsolutePath().toUri().toString());
    }
    return c;
  }

  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description =
          "Puts files on the files topic, each as one record named by the file's name: FIRMS files"
              + " (any variant), files of surveillance reports and watch logs, plain or gzip.")
  static final class Publish implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin Kafka kafka = new Kafka();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          spec.commandLine().getErr().println("error: " + f + ": no such file");
          return 1;
        }
      }
      kafka.createTopics();
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.waitSeconds * 1000);
      p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_FILE_BYTES + 1024 * 1024);
      p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
      PrintWriter out = spec.commandLine().getOut();
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          byte[] bytes = Files.readAllBytes(f);
          try {
            RecordMetadata m =
                producer
                    .send(new ProducerRecord<>(kafka.files, name, bytes))
                    .get(kafka.waitSeconds * 2L, TimeUnit.SECONDS);
            out.printf(
                Locale.ROOT,
                "%s: %d bytes to %s at offset %d%n",
                name,
                bytes.length,
                m.topic(),
                m.offset());
          } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
              spec.commandLine()
                  .getErr()
                  .printf(
                      Locale.ROOT,
                      "error: %s: %d bytes is more than the topic %s takes; publish it gzipped%n",
                      name,
                      bytes.length,
                      kafka.files);
              return 1;
            }
            throw e;
          }
        }
      }
      return 0;
    }
  }
}
