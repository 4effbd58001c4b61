package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pages' Content Security Policy names the map's tile server as a source of images. */
class ContentSecurityPolicyTest {
  private static String images(String tileUrl) {
    String policy = Server.contentSecurityPolicy(tileUrl);
    int start = policy.indexOf("img-src ");
    return policy.substring(start, policy.indexOf(';', start));
  }

  @Test
  void theTilesOriginIsASourceOfImagesWithItsSubdomainsAsAWildcard() {
    assertThat(images("")).isEqualTo("img-src 'self' data:");
    assertThat(images("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"))
        .isEqualTo("img-src 'self' data: https://*.tile.openstreetmap.org");
    assertThat(images("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png"))
        .isEqualTo("img-src 'self' data: https://tiles.example.org:8443");
    // a placeholder that is not the first label cannot be a source's host: the scheme stands in
    assertThat(images("http://tiles-{s}.example.org/{z}/{x}/{y}.png"))
        .isEqualTo("img-src 'self' data: http:");
    assertThat(Server.contentSecurityPolicy(""))
        .startsWith("default-src 'self'; script-src 'self'; ")
        .contains("object-src 'none'", "form-action 'self'")
        .endsWith("frame-ancestors 'self'");
  }
}
