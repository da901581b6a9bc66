package dev.vigil.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A real TCP port on 127.0.0.1 that accepts connections and never says a word: an SSH client
 * connecting to it waits for the server's greeting until its own timeout. For tests that need a
 * target run to stay in its connecting step.
 */
public final class SilentPort implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> held = new ArrayList<>();
  private final Thread acceptor;

  public SilentPort() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor = new Thread(this::acceptForever, "silent-port-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted so far. */
  public synchronized int accepted() {
    return held.size();
  }

  private void acceptForever() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (this) {
          held.add(s);
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    server.close();
    for (Socket s : held) {
      s.close();
    }
  }
}
