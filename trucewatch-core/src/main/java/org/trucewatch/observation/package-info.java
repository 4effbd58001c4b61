/**
 * What was seen: satellite detections ({@link org.trucewatch.observation.Observation}) and
 * surveillance reports ({@link org.trucewatch.observation.SurveillanceReport}) with their
 * uncertainty and provenance, and the rejections and ingest reports that account for input that
 * could not become one.
 */
package org.trucewatch.observation;
