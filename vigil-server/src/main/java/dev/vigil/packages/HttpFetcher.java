package dev.vigil.packages;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Downloads over http(s) with manual redirects, an address check on every hop, a size limit and
 * idle and total timeouts.
 */
final class HttpFetcher {

  private final PackageSettings settings;
  private final AddressPolicy addresses;
  private final RedirectPolicy redirects;
  private final HttpClient client;

  HttpFetcher(PackageSettings settings) {
    this.settings = settings;
    this.addresses = new AddressPolicy(settings.allowPrivateAddresses());
    this.redirects = new RedirectPolicy(settings.maxRedirects());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout())
            .build();
  }

  /** Downloads the URL's body into the file, following redirects. */
  FetchedFile download(URI url, Path file) throws PackageFetchException {
    Progress progress = new Progress();
    URI current = url;
    for (int followed = 0; ; followed++) {
      addresses.check(current.getHost());
      Hop hop = send(current, file, progress);
      int status = hop.response().statusCode();
      if (isRedirect(status)) {
        String location = hop.response().headers().firstValue("Location").orElse(null);
        current = redirects.next(current, location, followed);
        continue;
      }
      return accept(current, hop);
    }
  }

  private FetchedFile accept(URI url, Hop hop) throws PackageFetchException {
    HttpResponse<Void> response = hop.response();
    if (response.statusCode() / 100 != 2) {
      throw new PackageFetchException(
          "HTTP " + statusLine(response.statusCode()) + " from " + Urls.display(url));
    }
    if (hop.sink().isDiscarding()) {
      throw tooLarge(response.headers().firstValueAsLong("Content-Length").orElse(-1));
    }
    String name =
        FileNames.of(url, response.headers().firstValue("Content-Disposition").orElse(null));
    return new FetchedFile(hop.sink().file(), name, hop.sink().sha256(), hop.sink().size(), url);
  }

  private Hop send(URI url, Path file, Progress progress) throws PackageFetchException {
    HttpRequest request = request(url);
    AtomicReference<DownloadSink> sink = new AtomicReference<>();
    progress.touch();
    CompletableFuture<HttpResponse<Void>> future =
        client.sendAsync(
            request,
            info -> {
              sink.set(sinkFor(info, file, progress));
              return sink.get();
            });
    HttpResponse<Void> response = await(future, sink, progress, url);
    DownloadSink s = sink.get();
    if (s == null) {
      throw new IllegalStateException("a response without its body handler from " + url);
    }
    return new Hop(response, s);
  }

  private HttpRequest request(URI url) throws PackageFetchException {
    try {
      return HttpRequest.newBuilder(url)
          .GET()
          .header("User-Agent", "Vigil package fetcher")
          .build();
    } catch (IllegalArgumentException e) {
      throw new PackageFetchException(
          "invalid URL " + Urls.display(url) + ": " + e.getMessage(), e);
    }
  }

  private DownloadSink sinkFor(HttpResponse.ResponseInfo info, Path file, Progress progress) {
    long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    boolean wanted =
        !progress.isStopped()
            && info.statusCode() / 100 == 2
            && announced <= settings.maxDownloadSize().toBytes();
    return wanted
        ? new DownloadSink(file, settings.maxDownloadSize().toBytes(), progress)
        : DownloadSink.discarding(progress);
  }

  private HttpResponse<Void> await(
      CompletableFuture<HttpResponse<Void>> future,
      AtomicReference<DownloadSink> sink,
      Progress progress,
      URI url)
      throws PackageFetchException {
    long poll = Math.max(10, Math.min(1000, settings.idleTimeout().toMillis() / 10));
    while (true) {
      try {
        return future.get(poll, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        String reason = progress.overdue(settings.idleTimeout(), settings.totalTimeout());
        if (reason != null) {
          throw stop(future, sink.get(), progress, new PackageFetchException(reason));
        }
      } catch (ExecutionException e) {
        throw translate(e.getCause(), url);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw stop(
            future,
            sink.get(),
            progress,
            new PackageFetchException("the download was interrupted"));
      }
    }
  }

  private static PackageFetchException stop(
      CompletableFuture<?> future,
      @Nullable DownloadSink sink,
      Progress progress,
      PackageFetchException reason) {
    progress.stop();
    if (sink != null) {
      sink.fail(reason);
    }
    future.cancel(true);
    return reason;
  }

  private PackageFetchException translate(@Nullable Throwable error, URI url) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PackageFetchException reason) {
        return reason;
      }
    }
    String where = Urls.display(url);
    if (error instanceof HttpConnectTimeoutException) {
      return new PackageFetchException(
          "could not connect to " + where + " within " + Sizes.duration(settings.connectTimeout()));
    }
    if (error instanceof ConnectException) {
      return new PackageFetchException("could not connect to " + where, error);
    }
    String detail =
        error instanceof IOException && error.getMessage() != null
            ? ": " + error.getMessage()
            : " (" + error + ")";
    return new PackageFetchException("download from " + where + " failed" + detail, error);
  }

  private PackageFetchException tooLarge(long announced) {
    return new PackageFetchException(
        "download exceeds the "
            + Sizes.bytes(settings.maxDownloadSize().toBytes())
            + " limit"
            + " (the server announced "
            + announced
            + " bytes)");
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String statusLine(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? String.valueOf(status) : status + " " + known.getReasonPhrase();
  }

  private record Hop(HttpResponse<Void> response, DownloadSink sink) {}
}
