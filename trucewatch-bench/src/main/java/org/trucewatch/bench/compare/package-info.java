/**
 * The side-by-side job of bench/compare: making the replicated inputs, Truce Watch's run of the
 * job, and the comparison of every contender's outputs.
 */
package org.trucewatch.bench.compare;
