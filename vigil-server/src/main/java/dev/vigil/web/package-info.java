/**
 * The HTTP layer: the REST API (Morpheus's shapes) and the pages, one sub-package per feature; the
 * base package holds the plumbing (errors, paging, JSON bodies).
 */
@ApplicationModule(
    allowedDependencies = {
      "access",
      "compliance",
      "executions",
      "firing",
      "inventory",
      "jobs",
      "notifications",
      "operations",
      "packages",
      "remediation",
      "results",
      "retention",
      "scanning",
      "scap",
      "schedules",
      "shared",
      "tailoring",
      "waivers"
    })
package dev.vigil.web;

import org.springframework.modulith.ApplicationModule;
