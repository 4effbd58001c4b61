/**
 * The streaming job: files of FIRMS detections, of surveillance reports and watch logs arrive as
 * records of a Kafka topic, and each day whose figures change is stated anew on another, with an
 * ingest report per file on a third. Its operators are thin: they read with the same readers as the
 * command line and run the same {@link org.trucewatch.run.Restatement} as the server, so that the
 * three cannot disagree (docs/stream.md).
 */
package org.trucewatch.stream;
