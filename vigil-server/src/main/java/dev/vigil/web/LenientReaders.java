package dev.vigil.web;

import dev.vigil.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Readers for the shapes Morpheus clients send that Jackson alone would not take: a list as one
 * comma-separated string, and a type as its code or as {@code {"code": ...}}. Used with
 * {@code @JsonDeserialize(using = ...)} on a typed request's field; a wrong value is a 400 naming
 * the field ({@link InvalidInputException}).
 */
public final class LenientReaders {

  private LenientReaders() {}

  /** A list of strings, or one comma-separated string; items may be numbers. */
  public static final class Strings extends ValueDeserializer<List<String>> {

    @Override
    public List<String> deserialize(JsonParser p, DeserializationContext ctxt) {
      String field = p.currentName();
      List<String> out = strings(ctxt.readTree(p));
      if (out == null) {
        throw wrong(field, "must be a list of strings");
      }
      return out;
    }
  }

  /**
   * The strings of a list (items may be numbers) or of one comma-separated string, blanks left out;
   * null when the node is neither.
   */
  public static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isString()) {
      for (String part : node.asString().split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    if (!node.isArray()) {
      return null;
    }
    for (JsonNode item : node) {
      if (!(item.isString() || item.isNumber())) {
        return null;
      }
      out.add(item.asString());
    }
    return out;
  }

  /** A code as a string (or a number or boolean as its text), or the {@code code} of an object. */
  public static final class Code extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      String field = p.currentName();
      JsonNode node = ctxt.readTree(p);
      if (node.isObject()) {
        JsonNode code = node.get("code");
        return code == null || code.isNull() ? null : code.asString();
      }
      if (node.isValueNode()) {
        return node.asString();
      }
      throw wrong(field, "must be a string");
    }
  }

  /** An {@link IdRef}: a number, a digit string or {@code {"id": ...}}; null or blank is 0. */
  public static final class Id extends ValueDeserializer<IdRef> {

    private static final IdRef NONE = new IdRef(0);

    @Override
    public IdRef deserialize(JsonParser p, DeserializationContext ctxt) {
      Where where = Where.of(p);
      JsonNode node = ctxt.readTree(p);
      JsonNode v = node.isObject() ? node.path("id") : node;
      if (v.isMissingNode() || v.isNull() || (v.isString() && v.asString().isBlank())) {
        return NONE;
      }
      if (v.isIntegralNumber()) {
        return new IdRef(v.asLong());
      }
      if (v.isString() && v.asString().trim().matches("[0-9]{1,18}")) {
        return new IdRef(Long.parseLong(v.asString().trim()));
      }
      throw wrong(
          where.field(),
          where.inList()
              ? "must be a list of {\"id\": number}"
              : "must be an id or {\"id\": number}");
    }

    @Override
    public IdRef getNullValue(DeserializationContext ctxt) {
      return NONE;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }

  /**
   * Where a reader stands: the field it reads and whether it reads an item of that field's list.
   * Taken before the value is read (an object's own context is entered at its first token).
   */
  public record Where(String field, boolean inList) {

    public static Where of(JsonParser p) {
      TokenStreamContext c = p.streamReadContext();
      if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
        c = c.getParent();
      }
      if (c != null && c.inArray()) {
        return new Where(c.getParent() == null ? null : c.getParent().currentName(), true);
      }
      return new Where(c == null ? null : c.currentName(), false);
    }
  }

  private static InvalidInputException wrong(String field, String message) {
    String key = field == null ? "body" : field;
    return new InvalidInputException(key + " " + message, Map.of(key, message));
  }
}
