/**
 * Incidents judged against the truce terms: the terms as data, one class per clause, and findings
 * with verdicts, neutral reasoning and evidence.
 */
package org.trucewatch.assessment;
