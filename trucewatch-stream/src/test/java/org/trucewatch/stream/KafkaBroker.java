package org.trucewatch.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real Kafka broker (KRaft, one node) in the test's process, on a free port of 127.0.0.1. */
final class KafkaBroker {
  private final KafkaClusterTestKit cluster;

  KafkaBroker() throws Exception {
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            // topics made without a number of partitions get three, as on many brokers: the job
            // must make its own with one, or the order of files and statements is lost
            .setConfigProp("num.partitions", 3)
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * The arguments of the job's {@code command} with this broker and the topics {@code
   * PREFIX.files}, {@code PREFIX.days} and {@code PREFIX.ingests}.
   */
  List<String> arguments(String command, String prefix) {
    return List.of(
        command,
        "--bootstrap-servers",
        bootstrapServers(),
        "--files-topic",
        prefix + ".files",
        "--days-topic",
        prefix + ".days",
        "--ingests-topic",
        prefix + ".ingests");
  }

  /** One record as the test reads it: key and value. */
  record Record(String key, String value) {}

  /** Every record of a topic, from its beginning to its end now. */
  List<Record> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    List<Record> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo i : c.partitionsFor(topic)) {
        parts.add(new TopicPartition(topic, i.partition()));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          out.add(new Record(r.key(), r.value()));
        }
      }
    }
    return out;
  }

  /**
   * The records of a topic once at least {@code count} are there, or those there after {@code
   * wait}: for a job that runs on.
   */
  List<Record> await(String topic, int count, Duration wait) throws InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    List<Record> got = readAll(topic);
    while (got.size() < count && System.nanoTime() - end < 0) {
      Thread.sleep(200);
      got = readAll(topic);
    }
    return got;
  }

  void stop() throws Exception {
    cluster.close();
  }
}
