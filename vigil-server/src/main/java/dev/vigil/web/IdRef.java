package dev.vigil.web;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A reference to a record by id in a request: {@code {"id": 5}}, {@code 5} or {@code "5"}. An
 * explicit null or blank reads as id 0 ("given, but none"); an absent field stays null. Anything
 * else is a 400 naming the field.
 */
@Schema(name = "RequestIdRef", description = "{\"id\": 5}; 5 and \"5\" are accepted too")
@JsonDeserialize(using = LenientReaders.Id.class)
public record IdRef(long id) {

  /** Given as null or blank: "none". */
  public boolean none() {
    return id == 0;
  }
}
