/**
 * The store: observations, ingests, tokens, terms, control maps and the current assessment, in an
 * H2 database file by default or in PostgreSQL with PostGIS. Schema changes are Flyway migrations
 * ({@code db/migration/h2} and {@code db/migration/postgresql}, kept in step); SQL goes through
 * Jdbi, without an ORM.
 */
package org.trucewatch.store;
