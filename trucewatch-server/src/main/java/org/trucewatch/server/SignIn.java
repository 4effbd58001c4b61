package org.trucewatch.server;

import org.trucewatch.reports.Xml;

/** The page on which a browser signs in with an API token ({@code /signin}). */
final class SignIn {
  private SignIn() {}

  /**
   * The sign-in form, with {@code note} (plain text of the server's own, never what a reader typed)
   * above it, going on to {@code next} (a path on this server); {@code privateReads}: whether the
   * server answers token holders only.
   */
  static String page(boolean privateReads, String note, String next) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>Sign in: Truce Watch</title>\n"
        + "<style>body{font:15px/1.4 system-ui,sans-serif;max-width:34em;margin:3em auto;"
        + "padding:0 1em}input{font:inherit;padding:.3em;width:100%;box-sizing:border-box}"
        + "button{font:inherit;margin-top:.6em;padding:.3em 1.2em}"
        + "#note{font-weight:bold}</style>\n</head>\n<body>\n<h1>Truce Watch</h1>\n"
        + (note.isEmpty() ? "" : "<p id=\"note\" role=\"status\">" + note + "</p>\n")
        + "<form method=\"post\" action=\""
        + Server.SIGN_IN
        + "\">\n<input type=\"hidden\" name=\"next\" value=\""
        + Xml.esc(next)
        + "\">\n<label for=\"token\">API token</label>\n"
        + "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"off\" required"
        + " autofocus>\n<button type=\"submit\" id=\"sign-in\">Sign in</button>\n</form>\n"
        + "<p>"
        + (privateReads
            ? "This server answers holders of an API token only."
            : "Signed in, you see the surveillance reports released to your member state or to"
                + " the mission; without a token, those released to the public"
                + " (<a href=\"/\">the map</a>).")
        + " The mission gives each member state's liaison a token (trucewatch token create NAME"
        + " --scope read --member CODE), and each of its analysts one with which the map also"
        + " records reviews of findings (--scope review). This browser keeps it until you sign out"
        + " or close the browser; sign out on a workstation that others use.</p>\n</body>\n"
        + "</html>\n";
  }
}
