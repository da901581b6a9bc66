package dev.vigil.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * What the Morpheus client sends and Jackson would refuse by itself: booleans as {@code on/off},
 * {@code yes/no}, {@code 1/0} or their text ({@code "true"}). Numbers as text ({@code "12"}) and
 * scalars where a string is expected are accepted by Jackson's own coercion. A value that is none
 * of these is a 400 naming the field ({@link ApiExceptionHandler}).
 */
@Configuration(proxyBeanMethods = false)
class LenientJson {

  @Bean
  JacksonModule lenientBooleans() {
    SimpleModule module = new SimpleModule("vigil-lenient-booleans");
    module.addDeserializer(Boolean.class, new LenientBoolean(null));
    module.addDeserializer(boolean.class, new LenientBoolean(false));
    return module;
  }

  /** true/false, on/off, yes/no, 1/0, as JSON booleans, numbers or text. */
  static final class LenientBoolean extends ValueDeserializer<Boolean> {

    private final Boolean ifNull;

    LenientBoolean(Boolean ifNull) {
      this.ifNull = ifNull;
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_TRUE) {
        return true;
      }
      if (t == JsonToken.VALUE_FALSE) {
        return false;
      }
      if (t == JsonToken.VALUE_NULL) {
        return ifNull;
      }
      if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
        Boolean b = parse(p.getString());
        if (b != null) {
          return b;
        }
        return (Boolean) ctxt.handleWeirdStringValue(Boolean.class, p.getString(), "not a boolean");
      }
      return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
    }

    @Override
    public Boolean getNullValue(DeserializationContext ctxt) {
      return ifNull;
    }

    /** The boolean a text stands for, or null. */
    static Boolean parse(String text) {
      return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "on", "yes", "1" -> true;
        case "false", "off", "no", "0" -> false;
        default -> null;
      };
    }
  }
}
