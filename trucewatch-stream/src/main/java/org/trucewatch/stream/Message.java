package org.trucewatch.stream;

/** One record the job writes: its key and its JSON value. A Flink POJO. */
public class Message {
  /** The record's key: a day's date, or a file's name. */
  public String key;

  /** The record's value: one JSON object. */
  public String value;

  public Message() {}

  public Message(String key, String value) {
    this.key = key;
    this.value = value;
  }
}
