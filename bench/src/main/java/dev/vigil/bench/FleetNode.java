package dev.vigil.bench;

import dev.vigil.testsupport.ScanDouble;
import dev.vigil.testsupport.VigilNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Vigil node in a JVM of its own, for the fleet and scale-out benchmarks: the whole application
 * with the named {@link ScanDouble} in place of the scan engine, answering every target after a set
 * delay with copies of a real oscap ARF and report. Runs until the JVM is told to stop (SIGTERM),
 * then stops the node.
 *
 * <p>Arguments: {@code --bench.node=<name> --bench.arf=<file> --bench.report=<file>
 * --bench.scan-delay=<ms>}, then the node's settings as {@code --key=value}.
 */
public final class FleetNode {

  private static final String PREFIX = "--bench.";

  private FleetNode() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> bench = new LinkedHashMap<>();
    Map<String, String> settings = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("not --key=value: " + a);
      }
      if (a.startsWith(PREFIX)) {
        bench.put(a.substring(PREFIX.length(), eq), a.substring(eq + 1));
      } else {
        settings.put(a.substring(2, eq), a.substring(eq + 1));
      }
    }
    String name = required(bench, "node");
    ScanDouble scans =
        ScanDouble.of(
            name,
            Path.of(required(bench, "arf")),
            Path.of(required(bench, "report")),
            Duration.ofMillis(Long.parseLong(required(bench, "scan-delay"))));
    VigilNode node = VigilNode.start(name, scans, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "fleet-node-stop"));
    System.out.println("fleet node " + name + " ready on port " + node.port());
    Thread.currentThread().join();
  }

  private static String required(Map<String, String> bench, String key) {
    String v = bench.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing --bench." + key + "=");
    }
    return v;
  }
}
