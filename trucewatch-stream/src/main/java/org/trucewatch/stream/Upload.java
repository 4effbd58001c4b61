package org.trucewatch.stream;

/**
 * One file as it arrives on the files topic: its name (the record's key) and its bytes, plain or
 * gzip. A Flink POJO (public fields, a constructor without arguments), so that the job keeps the
 * files it took in as its state.
 */
public class Upload {
  /** The file's name, as the provenance of each row names it. */
  public String name;

  /** The file's bytes. */
  public byte[] content;

  public Upload() {}

  public Upload(String name, byte[] content) {
    this.name = name;
    this.content = content;
  }
}
