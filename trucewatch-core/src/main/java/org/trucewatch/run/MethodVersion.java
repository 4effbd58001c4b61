package org.trucewatch.run;

/**
 * The version of the method that turns observations into published numbers. It changes whenever a
 * threshold, a rule or the baseline changes, and each change has a line in CHANGELOG.md.
 */
public final class MethodVersion {
  /** The current method version. */
  public static final String CURRENT = "tw-fire-7";

  private MethodVersion() {}
}
