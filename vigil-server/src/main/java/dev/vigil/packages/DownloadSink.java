package dev.vigil.packages;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Streams a response body to a file while hashing and counting it; stops at the size limit and can
 * be cancelled from another thread (idle and total timeouts).
 */
final class DownloadSink implements BodySubscriber<Void> {

  private final @Nullable Path file;
  private final long maxBytes;
  private final Progress progress;
  private final MessageDigest digest;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private @Nullable FileChannel channel;
  private Flow.@Nullable Subscription subscription;
  private long size;

  DownloadSink(@Nullable Path file, long maxBytes, Progress progress) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.progress = progress;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A sink that reads nothing: for redirects and error responses, whose bodies are not needed. */
  static DownloadSink discarding(Progress progress) {
    return new DownloadSink(null, 0, progress);
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (file == null) {
      subscription.cancel();
      done.complete(null);
      return;
    }
    Path target = file;
    try {
      channel =
          FileChannel.open(
              target,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      subscription.request(1);
    } catch (IOException e) {
      fail(new PackageFetchException("cannot write the download: " + e.getMessage(), e));
    }
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> buffers) {
    FileChannel ch = channel;
    Flow.Subscription sub = subscription;
    if (done.isDone() || ch == null || sub == null) { // both set unless discarding or failed
      return;
    }
    try {
      for (ByteBuffer buffer : buffers) {
        size += buffer.remaining();
        if (size > maxBytes) {
          fail(
              new PackageFetchException(
                  "download exceeds the " + Sizes.bytes(maxBytes) + " limit"));
          return;
        }
        digest.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
      }
      progress.touch();
      sub.request(1);
    } catch (IOException e) {
      fail(new PackageFetchException("cannot write the download: " + e.getMessage(), e));
    }
  }

  @Override
  public synchronized void onError(Throwable error) {
    closeChannel();
    done.completeExceptionally(error);
  }

  @Override
  public synchronized void onComplete() {
    closeChannel();
    done.complete(null);
  }

  @Override
  public CompletionStage<Void> getBody() {
    return done;
  }

  /** Stops the download (the connection is closed) and fails it with the reason. */
  synchronized void fail(PackageFetchException reason) {
    if (subscription != null) {
      subscription.cancel();
    }
    closeChannel();
    done.completeExceptionally(reason);
  }

  boolean isDiscarding() {
    return file == null;
  }

  /** The file written; only a sink that is not {@link #isDiscarding()} has one. */
  Path file() {
    if (file == null) {
      throw new IllegalStateException("a discarding sink writes no file");
    }
    return file;
  }

  synchronized long size() {
    return size;
  }

  synchronized String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the download is failing or complete either way
      }
    }
  }
}
