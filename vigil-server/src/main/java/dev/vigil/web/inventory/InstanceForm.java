package dev.vigil.web.inventory;

import dev.vigil.inventory.Instance;
import dev.vigil.inventory.InstanceInput;
import java.util.List;

/** The add/edit instance form; members are the checked server ids. */
record InstanceForm(String name, String description, String labels, List<Long> serverIds) {

  InstanceForm {
    serverIds = serverIds == null ? List.of() : List.copyOf(serverIds);
  }

  static InstanceForm empty() {
    return new InstanceForm("", "", "", List.of());
  }

  static InstanceForm of(Instance i) {
    return new InstanceForm(
        i.name(),
        i.description() == null ? "" : i.description(),
        String.join(", ", i.labels()),
        i.servers().stream().map(Instance.Member::id).toList());
  }

  InstanceInput toInput() {
    return new InstanceInput(
        name == null ? "" : name,
        description == null ? "" : description,
        ServerForm.labels(labels),
        serverIds);
  }
}
