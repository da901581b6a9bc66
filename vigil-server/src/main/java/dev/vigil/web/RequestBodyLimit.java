package dev.vigil.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds the body of every {@code /api/} request ({@code vigil.api.max-request-body}): a declared
 * {@code Content-Length} above the limit is answered 413 in the Morpheus error shape before
 * anything else runs (authentication included); a body without one (chunked) is counted as it is
 * read and fails with {@link TooLarge} at the limit, which {@link ApiExceptionHandler} answers 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

  private final long limit;
  private final JsonMapper json;

  RequestBodyLimit(ApiSettings settings, JsonMapper json) {
    this.limit = settings.maxRequestBody().toBytes();
    this.json = json;
  }

  /** The message of a refused body. */
  static String message(long limit) {
    return "Request body is larger than the limit of "
        + size(limit)
        + " (vigil.api.max-request-body)";
  }

  private static String size(long bytes) {
    if (bytes % (1 << 20) == 0) {
      return bytes / (1 << 20) + " MB";
    }
    return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      refuse(response);
      return;
    }
    chain.doFilter(new Bounded(request, limit), response);
  }

  private void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    // the rest of the body is not read: the connection is not reused for another request
    response.setHeader("Connection", "close");
    response.getWriter().write(json.writeValueAsString(ApiError.of(message(limit))));
  }

  /** A body that reached the limit while it was read. */
  static final class TooLarge extends IOException {
    final long limit;

    TooLarge(long limit) {
      super(message(limit));
      this.limit = limit;
    }
  }

  /** The request with its body counted as it is read. */
  private static final class Bounded extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    Counting(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > limit) {
        throw new TooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
