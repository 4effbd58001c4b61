/**
 * JMH benchmarks of the stages on real data; run from the repository root (see bench/README.md).
 */
package org.trucewatch.bench;
