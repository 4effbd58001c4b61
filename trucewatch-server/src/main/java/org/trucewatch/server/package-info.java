/**
 * The server: the monitoring service ({@link org.trucewatch.server.Monitor}) over the store, and
 * its HTTP face ({@link org.trucewatch.server.Server}): ingest and read API, OGC API - Features,
 * the web map, health and metrics.
 */
package org.trucewatch.server;
