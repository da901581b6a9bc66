package dev.vigil.scap.tailoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One XCCDF 1.2 tailored profile: the profile it extends, its own id, title and description, the
 * rules it selects ({@code true}) or deselects ({@code false}) and the values it sets, in the order
 * written. The content an XCCDF tailoring file carries for one profile, and all Vigil keeps of it.
 */
public record TailoredProfile(
    String profileId,
    String extendsProfile,
    String title,
    String description,
    Map<String, Boolean> rules,
    Map<String, String> values) {

  public TailoredProfile {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(extendsProfile, "extendsProfile");
    title = title == null ? "" : title;
    description = description == null ? "" : description;
    rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
