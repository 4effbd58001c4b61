/** Truce terms as YAML: reading with errors that name the key and the line. */
package org.trucewatch.sources.terms;
