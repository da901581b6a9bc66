package dev.vigil.web.packages;

import dev.vigil.packages.PackageInput;
import dev.vigil.packages.SecurityPackage;
import java.util.Arrays;
import java.util.List;

/** The add/edit form's fields as the user typed them (kept on error). */
record PackageForm(
    String name,
    String url,
    String description,
    String labels,
    String expectedSha256,
    Boolean enabled,
    Boolean acceptInvalid) {

  static PackageForm empty() {
    return new PackageForm("", "", "", "", "", true, false);
  }

  static PackageForm of(SecurityPackage p) {
    return new PackageForm(
        p.name(),
        p.url(),
        p.description() == null ? "" : p.description(),
        String.join(", ", p.labels()),
        p.expectedSha256() == null ? "" : p.expectedSha256(),
        p.enabled(),
        p.acceptInvalid());
  }

  PackageInput toInput() {
    List<String> labelList =
        labels == null
            ? List.of()
            : Arrays.stream(labels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new PackageInput(
        name == null ? "" : name,
        description == null ? "" : description,
        url == null ? "" : url,
        Boolean.TRUE.equals(enabled),
        expectedSha256 == null ? "" : expectedSha256,
        labelList,
        Boolean.TRUE.equals(acceptInvalid));
  }
}
