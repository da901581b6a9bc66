package dev.vigil.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 that answers 500 to the first {@code failures} POSTs of each
 * delivery (by its X-Vigil-Delivery) and 200 afterwards, keeping every request it got.
 */
final class FlakyReceiver implements AutoCloseable {

  /** One POST as received. */
  record Received(String event, String delivery, String signature, String body, int answered) {}

  private final HttpServer server;
  private final int failures;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  FlakyReceiver(int failures) throws IOException {
    this.failures = failures;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hook", this::answer);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private void answer(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String delivery = ex.getRequestHeaders().getFirst("X-Vigil-Delivery");
    int n =
        seen.computeIfAbsent(String.valueOf(delivery), k -> new AtomicInteger()).incrementAndGet();
    int status = n <= failures ? 500 : 200;
    received.add(
        new Received(
            ex.getRequestHeaders().getFirst("X-Vigil-Event"),
            delivery,
            ex.getRequestHeaders().getFirst("X-Vigil-Signature"),
            body,
            status));
    byte[] answer = (status == 200 ? "ok" : "not now").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, answer.length);
    ex.getResponseBody().write(answer);
    ex.close();
  }

  /** The POSTs answered 200, in order. */
  List<Received> accepted() {
    List<Received> out = new ArrayList<>();
    received.stream().filter(r -> r.answered() == 200).forEach(out::add);
    return out;
  }

  /** Every POST, in order. */
  List<Received> all() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
