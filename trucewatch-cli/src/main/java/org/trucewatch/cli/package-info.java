/**
 * The command line: {@link org.trucewatch.cli.Main} maps command names to one small class each,
 * which reads options, wires the stages and writes outputs, and holds no domain logic.
 */
package org.trucewatch.cli;
