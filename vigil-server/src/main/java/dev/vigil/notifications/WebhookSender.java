package dev.vigil.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Posts one delivery: JSON body, {@code X-Vigil-Event}, {@code X-Vigil-Delivery} and {@code
 * X-Vigil-Signature}; connect and response timeouts; redirects are not followed (a 3xx is a failed
 * attempt); at most {@code response-limit} bytes of the response body are read.
 */
@Component
class WebhookSender implements DisposableBean {

  /** What one attempt came to: the HTTP status (null when none came) and the error, if any. */
  record Outcome(@Nullable Integer httpStatus, @Nullable String error) {
    boolean delivered() {
      return error == null && httpStatus != null && httpStatus / 100 == 2;
    }
  }

  private final WebhookSettings settings;
  private final HttpClient client;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "webhook-read-timer");
            t.setDaemon(true);
            return t;
          });

  WebhookSender(WebhookSettings settings) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout())
            .build();
  }

  Outcome send(URI url, String event, String deliveryKey, String secret, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(settings.readTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Vigil webhook")
            .header("X-Vigil-Event", event)
            .header("X-Vigil-Delivery", deliveryKey)
            .header(WebhookSignature.HEADER, WebhookSignature.of(secret, bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    CompletableFuture<HttpResponse<InputStream>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    long limitMs = settings.connectTimeout().plus(settings.readTimeout()).toMillis() + 1000;
    HttpResponse<InputStream> response;
    try {
      response = future.get(limitMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Outcome(null, "no response within " + seconds(limitMs));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return new Outcome(null, "interrupted");
    } catch (ExecutionException e) {
      return new Outcome(null, describe(e.getCause()));
    }
    drain(response.body());
    int status = response.statusCode();
    if (status / 100 == 2) {
      return new Outcome(status, null);
    }
    if (status / 100 == 3) {
      return new Outcome(status, "HTTP " + status + ": redirects are not followed");
    }
    return new Outcome(status, "HTTP " + status);
  }

  /** Reads at most the response limit of the body within the read timeout, then closes it. */
  private void drain(InputStream body) {
    ScheduledFuture<?> cut =
        timer.schedule(() -> close(body), settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try (body) {
      body.readNBytes((int) Math.min(Integer.MAX_VALUE, settings.responseLimit().toBytes()));
    } catch (IOException ignored) {
      // the status is what counts; a body cut short or reset changes nothing
    } finally {
      cut.cancel(false);
    }
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing to stop a slow read
    }
  }

  private String describe(@Nullable Throwable error) {
    if (error == null) { // an ExecutionException always has its cause
      return "the request failed";
    }
    if (error instanceof HttpConnectTimeoutException) {
      return "could not connect within " + seconds(settings.connectTimeout().toMillis());
    }
    if (error instanceof HttpTimeoutException) {
      return "no response within " + seconds(settings.readTimeout().toMillis());
    }
    if (error instanceof ConnectException) {
      return "could not connect" + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
    String msg = error.getMessage();
    return error.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format("%.1f s", ms / 1000.0);
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
