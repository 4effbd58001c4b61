package org.trucewatch.assessment;

/**
 * A party to the truce.
 *
 * @param id a short id such as {@code UA}
 * @param name the name used in reports
 * @param holds which side of the control map this party holds: {@code occupied} or {@code
 *     government_controlled}
 */
public record Party(String id, String name, String holds) {}
