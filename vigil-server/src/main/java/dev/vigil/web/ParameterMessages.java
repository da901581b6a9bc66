package dev.vigil.web;

import dev.vigil.shared.ListQuery;
import java.util.Locale;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What a request parameter or path segment of the wrong type is called in a message: its name and
 * what it must be, never a Java type name ({@code "id must be a whole number, got '9999…'"}).
 */
final class ParameterMessages {

  private ParameterMessages() {}

  static String mismatch(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    String value = e.getValue() == null ? "" : ListQuery.shown(String.valueOf(e.getValue()));
    return e.getName() + " must be " + kind(type) + ", got '" + value + "'";
  }

  private static String kind(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == long.class || type == Long.class) {
      return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    if (type == int.class || type == Integer.class) {
      return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      StringBuilder sb = new StringBuilder("one of");
      for (Object c : type.getEnumConstants()) {
        sb.append(' ').append(c.toString().toLowerCase(Locale.ROOT));
      }
      return sb.toString();
    }
    return "a valid value";
  }
}
