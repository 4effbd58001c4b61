package org.trucewatch.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * Cross-origin reads (CORS) for the origins an operator names with {@code --cors-origin}: a web
 * page of such an origin may read every answer, with the {@code X-Total-Count} and {@code Link}
 * headers of a page. A request from any other origin is answered as it always is, without these
 * headers, so the browser keeps the answer from that page. (Javalin's CORS plugin answers such a
 * request with 400, a status no client asked for.)
 */
final class CrossOrigin {
  private final List<String> origins;
  private final boolean any;

  /** For {@code origins}: exact origins such as {@code https://dashboard.example.org}, or *. */
  CrossOrigin(List<String> origins) {
    this.origins = List.copyOf(origins);
    this.any = origins.contains("*");
  }

  /** Adds the headers for an allowed origin, and answers its preflight request (204). */
  void before(Context ctx) {
    if (!any) {
      // the answer depends on the Origin: a cache must not give one origin's to another
      ctx.res().addHeader("Vary", "Origin");
    }
    String origin = ctx.header("Origin");
    if (origin == null || !(any || origins.contains(origin))) {
      return;
    }
    ctx.header("Access-Control-Allow-Origin", any ? "*" : origin);
    ctx.header("Access-Control-Expose-Headers", "X-Total-Count, Link");
    if (ctx.method() == HandlerType.OPTIONS
        && ctx.header("Access-Control-Request-Method") != null) {
      ctx.header("Access-Control-Allow-Methods", "GET, HEAD, POST");
      String asked = ctx.header("Access-Control-Request-Headers");
      if (asked != null) {
        // a page that ingests sends Authorization and Content-Type
        ctx.header("Access-Control-Allow-Headers", asked);
      }
      ctx.header("Access-Control-Max-Age", "600");
      ctx.status(204);
      ctx.skipRemainingHandlers();
    }
  }
}
