package org.trucewatch.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Takes a request as the reader made it from the forwarding headers ({@code X-Forwarded-Proto},
 * {@code X-Forwarded-For}, RFC 7239's {@code Forwarded}, …) only when the request comes from one of
 * the proxies trusted ({@code serve --trusted-proxy}); from any other peer those headers are what a
 * reader claims, and the request is taken as it came.
 *
 * <p>Behind the TLS proxy of docs/operations.md, the headers give the scheme (so that the links of
 * the OGC API and the sign-in cookie name {@code https}) and the reader's address (for the access
 * log). A server that readers reach without that proxy would otherwise let each reader choose the
 * host and scheme of the links in its own answers and its address in the access log. By default
 * only this machine's loopback addresses are trusted: the guide's proxy runs beside the server.
 *
 * <p>The reader's address is read from {@code X-Forwarded-For} from the right, as each proxy
 * appends the address it saw: the first address that is not a trusted proxy's is the reader's, and
 * whatever stands to its left is what the reader claimed. So a proxy that appends to the header a
 * reader sent (nginx's {@code $proxy_add_x_forwarded_for}), and a chain of trusted proxies, still
 * name the reader, where Jetty alone takes the leftmost address.
 */
public final class TrustedProxies implements HttpConfiguration.Customizer {
  /** The proxies trusted unless told otherwise: this machine. */
  public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1");

  /** The value that trusts no proxy. */
  public static final String NONE = "none";

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();
  private final InetAddressSet proxies = new InetAddressSet();

  /** Trusts the proxies at {@code addresses}, each as {@link #check} takes it; none if empty. */
  TrustedProxies(List<String> addresses) {
    for (String a : addresses) {
      proxies.add(check(a));
    }
  }

  /**
   * The proxies named by {@code values}, each as {@link #check} takes it: empty for {@code none}.
   *
   * @throws IllegalArgumentException naming a value that is not an address or a block, or {@code
   *     none} given with others
   */
  public static List<String> of(List<String> values) {
    if (values.contains(NONE)) {
      if (values.size() > 1) {
        throw new IllegalArgumentException(
            "none trusts no proxy and goes alone, was given with " + values);
      }
      return List.of();
    }
    values.forEach(TrustedProxies::check);
    return List.copyOf(values);
  }

  /**
   * {@code value} if it is an IP address or a block of them in CIDR notation, as a proxy is named;
   * a host name is refused, so that no name is looked up.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code value}
   */
  public static String check(String value) {
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    boolean v4 = IPV4.matcher(address).matches();
    if (!v4 && !IPV6.matcher(address).matches()) {
      throw new IllegalArgumentException(
          "must be an IP address or a block such as 10.0.0.0/8, or none alone, was " + value);
    }
    if (slash >= 0) {
      String bits = value.substring(slash + 1);
      int max = v4 ? 32 : 128;
      if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
        throw new IllegalArgumentException(
            "a block's prefix must be 0 to " + max + " bits, was " + value);
      }
    }
    try {
      // a literal only: a host name was refused above
      org.eclipse.jetty.util.InetAddressPattern.from(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not an IP address or block: " + value, e);
    }
    return value;
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
    if (!(peer instanceof InetSocketAddress a
        && a.getAddress() != null
        && proxies.test(a.getAddress()))) {
      return request;
    }
    List<String> chain = request.getHeaders().getCSV(HttpHeader.X_FORWARDED_FOR, false);
    String reader = reader(chain);
    if (chain.size() > 1 && reader != null) {
      // the one address Jetty then takes: the reader's, not the leftmost claim
      HttpFields.Mutable headers = HttpFields.build(request.getHeaders());
      headers.put(HttpHeader.X_FORWARDED_FOR, reader);
      request =
          new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
              return headers;
            }
          };
    }
    return forwarded.customize(request, responseHeaders);
  }

  /**
   * The reader's address in {@code chain}, the addresses of {@code X-Forwarded-For} in order: from
   * the right, the first that is not a trusted proxy (or not an address at all); the leftmost when
   * every one is trusted; null for none.
   */
  String reader(List<String> chain) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      String hop = chain.get(i).trim();
      java.net.InetAddress address = literal(hop);
      if (address == null || !proxies.test(address)) {
        return hop;
      }
    }
    return chain.isEmpty() ? null : chain.get(0).trim();
  }

  /** {@code hop} as an address if it is an IP literal (a port or brackets allowed), else null. */
  private static java.net.InetAddress literal(String hop) {
    String h = hop;
    if (h.startsWith("[") && h.indexOf(']') > 0) {
      h = h.substring(1, h.indexOf(']'));
    } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
      h = h.substring(0, h.indexOf(':')); // an IPv4 address with its port
    }
    if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
      return null;
    }
    try {
      return java.net.InetAddress.getByName(h); // a literal: no name is looked up
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }
}
