package dev.vigil.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Morpheus error body (API.md §1): {@code {"success": false, "msg": "...", "errors": {"field":
 * "message"}}}. A 400 always carries {@code errors} (empty when no single field is to blame); other
 * statuses leave it out unless a field is named. {@code details} are extra keys beside {@code msg}
 * (e.g. the running execution of a job that is already running).
 *
 * @param success always false
 * @param msg what went wrong, in user words: the Morpheus client prints it for 400 and 404
 * @param errors one message per field, or null (left out of the JSON)
 * @param details extra top-level keys, written after the others
 */
@Schema(name = "ApiError", description = "The Morpheus error body")
public record ApiError(
    @Schema(description = "always false") boolean success,
    String msg,
    @Schema(description = "one message per field; on every 400, empty when no field is to blame")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Map<String, String> errors,
    @JsonIgnore @Schema(hidden = true) Map<String, Object> details) {

  public ApiError {
    errors = errors == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    details =
        details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** {@code {"success": false, "msg": msg}}. */
  public static ApiError of(String msg) {
    return new ApiError(false, msg, null, null);
  }

  /** The body of an answer with {@code status}: a 400 always has {@code errors}. */
  public static ApiError of(int status, String msg, Map<String, String> errors) {
    boolean withErrors = status == 400 || (errors != null && !errors.isEmpty());
    return new ApiError(false, msg, withErrors ? (errors == null ? Map.of() : errors) : null, null);
  }

  /** This error with {@code extra} keys beside {@code msg} (a key the body has already is kept). */
  public ApiError with(Map<String, Object> extra) {
    return new ApiError(success, msg, errors, extra);
  }

  /** The extra keys, written at the top level. */
  @JsonAnyGetter
  Map<String, Object> extra() {
    Map<String, Object> out = new LinkedHashMap<>(details);
    out.keySet().removeAll(Set.of("success", "msg", "errors"));
    return out;
  }
}
