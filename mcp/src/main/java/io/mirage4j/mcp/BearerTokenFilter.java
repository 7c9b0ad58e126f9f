package io.mirage4j.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; any other gets 401 with
 * {@code WWW-Authenticate: Bearer}. The token is compared in constant time.
 */
final class BearerTokenFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final String PREFIX = "Bearer ";

  private final byte[] token;

  BearerTokenFilter(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (authorized(request.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"mirage4j\"");
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().write("401: this server needs Authorization: Bearer <token>\n");
  }

  private boolean authorized(String header) {
    if (header == null || header.length() < PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }
}
