/**
 * What every CSV reader shares: a header matched case-insensitively, rows read by column name, and
 * the exception that names a bad field's column, reason and value, and the hash of each row's text.
 */
package org.trucewatch.sources.csv;
