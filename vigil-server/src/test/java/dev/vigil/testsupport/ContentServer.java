package dev.vigil.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 for tests that fetch content: serves bytes, redirects, error
 * statuses and a body that never ends. Closes with the test.
 */
public final class ContentServer implements AutoCloseable {

  /** What one path answers. */
  @FunctionalInterface
  public interface Route {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  public ContentServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::dispatch);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public ContentServer bytes(String path, byte[] body) {
    routes.put(path, ex -> send(ex, 200, body));
    return this;
  }

  public ContentServer status(String path, int status) {
    routes.put(path, ex -> send(ex, status, ("status " + status).getBytes()));
    return this;
  }

  public ContentServer redirect(String path, String location) {
    routes.put(
        path,
        ex -> {
          ex.getResponseHeaders().add("Location", location);
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    return this;
  }

  /** A chunked body that keeps coming until the client hangs up. */
  public ContentServer endless(String path) {
    routes.put(
        path,
        ex -> {
          ex.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) '<');
          try (OutputStream out = ex.getResponseBody()) {
            while (true) {
              out.write(chunk);
            }
          } catch (IOException clientGone) {
            // expected: the fetcher cut us off
          }
        });
    return this;
  }

  /** Announces a Content-Length and then sends nothing more. */
  public ContentServer stalled(String path, long announced) {
    routes.put(
        path,
        ex -> {
          ex.sendResponseHeaders(200, announced);
          ex.getResponseBody().write('<');
          ex.getResponseBody().flush();
          try {
            Thread.sleep(120_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.close();
        });
    return this;
  }

  private void dispatch(HttpExchange ex) throws IOException {
    Route route = routes.get(ex.getRequestURI().getPath());
    if (route == null) {
      send(ex, 404, "not found".getBytes());
    } else {
      route.answer(ex);
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
