package dev.vigil.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the REST API.
 *
 * @param maxRequestBody largest request body an {@code /api/} call may send; a larger one is
 *     refused with 413 before it is read whole
 */
@ConfigurationProperties("vigil.api")
public record ApiSettings(@DefaultValue("16MB") DataSize maxRequestBody) {

  /** The default body limit: large enough for any real request, job targets included. */
  public static final DataSize DEFAULT_MAX_REQUEST_BODY = DataSize.ofMegabytes(16);

  public ApiSettings {
    maxRequestBody = maxRequestBody == null ? DEFAULT_MAX_REQUEST_BODY : maxRequestBody;
    if (maxRequestBody.toBytes() < 1) {
      throw new IllegalArgumentException(
          "vigil.api.max-request-body must be positive, not " + maxRequestBody);
    }
  }
}
