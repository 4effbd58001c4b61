package org.trucewatch.stream;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The streaming job: files from the files topic, each day stated anew to the days topic, each
 * file's ingest report to the ingests topic (docs/stream.md).
 */
public final class TruceStream {
  private TruceStream() {}

  /** The topics the job reads and writes. */
  public record Topics(String files, String days, String ingests) implements Serializable {
    public Topics {
      Objects.requireNonNull(files, "files");
      Objects.requireNonNull(days, "days");
      Objects.requireNonNull(ingests, "ingests");
    }
  }

  /** The topics' names when none is given. */
  public static final Topics DEFAULT_TOPICS =
      new Topics("trucewatch.files", "trucewatch.days", "trucewatch.ingests");

  /**
   * Where the job runs against.
   *
   * @param bootstrapServers Kafka's {@code host:port} list
   * @param untilCaughtUp stop after the files on the topic when the job starts (a catch-up run),
   *     rather than wait for more
   */
  public record Settings(String bootstrapServers, Topics topics, boolean untilCaughtUp)
      implements Serializable {}

  /**
   * Adds the job to {@code env}. The job reads the files topic from its beginning: the topic is the
   * job's input log, so a job started without a checkpoint takes every file in again and states the
   * same figures.
   */
  public static void define(StreamExecutionEnvironment env, Settings s, TruceSetup setup) {
    var source =
        KafkaSource.<Upload>builder()
            .setBootstrapServers(s.bootstrapServers())
            .setTopics(s.topics().files())
            .setGroupId("trucewatch-" + setup.termsName())
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new UploadDeserializer());
    if (s.untilCaughtUp()) {
      source.setBounded(OffsetsInitializer.latest());
    }
    // one truce, one key: every file goes through one task in the order of the topic
    String truce = setup.termsName();
    SingleOutputStreamOperator<Message> days =
        env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "files")
            .uid("files")
            .keyBy(u -> truce)
            .process(new AssessFiles(setup))
            .uid("assess")
            .name("assess")
            // the one key has one task; more would each prepare the classifier and stay idle
            .setParallelism(1);
    // one writer each, in the task of the assessment, so that each topic gets the records in the
    // order they were stated
    days.sinkTo(sink(s, s.topics().days())).uid("days").name("days").setParallelism(1);
    days.getSideOutput(AssessFiles.INGESTS)
        .sinkTo(sink(s, s.topics().ingests()))
        .uid("ingests")
        .name("ingests")
        .setParallelism(1);
  }

  private static KafkaSink<Message> sink(Settings s, String topic) {
    return KafkaSink.<Message>builder()
        .setBootstrapServers(s.bootstrapServers())
        .setRecordSerializer(new MessageSerializer(topic))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /** A record of the files topic: the key is the file's name, the value its bytes. */
  static final class UploadDeserializer implements KafkaRecordDeserializationSchema<Upload> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<Upload> out) {
      String name =
          r.key() == null || r.key().length == 0
              // a record without a name is named by where it lies on the topic
              ? r.topic() + "-" + r.partition() + "@" + r.offset()
              : new String(r.key(), StandardCharsets.UTF_8);
      out.collect(new Upload(name, r.value() == null ? new byte[0] : r.value()));
    }

    @Override
    public TypeInformation<Upload> getProducedType() {
      return TypeInformation.of(Upload.class);
    }
  }

  /** Writes a message with its key, both UTF-8. */
  static final class MessageSerializer implements KafkaRecordSerializationSchema<Message> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    MessageSerializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        Message m, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(
          topic, m.key.getBytes(StandardCharsets.UTF_8), m.value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
