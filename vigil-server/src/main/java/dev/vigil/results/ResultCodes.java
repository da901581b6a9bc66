package dev.vigil.results;

import dev.vigil.scap.arf.ResultType;
import java.util.ArrayList;
import java.util.List;

/**
 * A scan's rule results as stored: one byte per entry of its rule dictionary, in dictionary order.
 * The codes are fixed here, never derived from the enum's order, because stored bytes outlive code.
 */
public final class ResultCodes {

  private static final ResultType[] BY_CODE = {
    null,
    ResultType.PASS,
    ResultType.FAIL,
    ResultType.ERROR,
    ResultType.UNKNOWN,
    ResultType.NOTAPPLICABLE,
    ResultType.NOTCHECKED,
    ResultType.NOTSELECTED,
    ResultType.INFORMATIONAL,
    ResultType.FIXED
  };

  private ResultCodes() {}

  static byte code(ResultType type) {
    for (int c = 1; c < BY_CODE.length; c++) {
      if (BY_CODE[c] == type) {
        return (byte) c;
      }
    }
    throw new IllegalArgumentException("no code for " + type);
  }

  public static ResultType type(byte code) {
    if (code < 1 || code >= BY_CODE.length) {
      throw new IllegalStateException("stored rule result code " + code + " is not known");
    }
    return BY_CODE[code];
  }

  static byte[] encode(List<ResultType> results) {
    byte[] out = new byte[results.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = code(results.get(i));
    }
    return out;
  }

  static List<ResultType> decode(byte[] codes) {
    List<ResultType> out = new ArrayList<>(codes.length);
    for (byte c : codes) {
      out.add(type(c));
    }
    return out;
  }
}
