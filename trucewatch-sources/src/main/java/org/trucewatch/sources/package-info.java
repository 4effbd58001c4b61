/** Readers for every input format; each returns values and an ingest report, never half a file. */
package org.trucewatch.sources;
