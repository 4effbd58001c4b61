/**
 * What was seen: observations with their uncertainty and provenance, and the rejections and ingest
 * reports that account for input that could not become an observation.
 */
package org.trucewatch.observation;
