package org.trucewatch.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a request that the web server refuses before the API reads it (a path with a
 * control character or an ambiguous segment, headers too large): JSON like every error of the API,
 * {@code {"code", "message"}}, with the headers that keep a browser from reading it as anything
 * else, rather than Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback) {
    String reason = HttpStatus.getMessage(status);
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("code", reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
    n.put(
        "message",
        "the request could not be read (HTTP "
            + status
            + " "
            + reason
            + (message == null || message.equals(reason) ? "" : ": " + message)
            + ")");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(n.toString().getBytes(StandardCharsets.UTF_8)), callback);
  }
}
