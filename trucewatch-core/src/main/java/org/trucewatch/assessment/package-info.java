/** Incidents judged against the truce terms: findings with verdicts, reasoning and evidence. */
package org.trucewatch.assessment;
