package dev.vigil.web.tailoring;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.packages.PackageService;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.tailoring.SecurityTailoring;
import dev.vigil.tailoring.TailoringService;
import dev.vigil.tailoring.TailoringVersion;
import dev.vigil.web.ApiController;
import dev.vigil.web.ApiError;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;

/**
 * {@code /api/security-tailorings}: create (JSON or a multipart upload of an XCCDF 1.2 tailoring
 * file), change, list, show, and download the tailoring file.
 */
@ApiController
class TailoringApiController {

  private static final String BASE = "/api/security-tailorings";
  private static final String FAIL = "Unable to save security tailoring";

  private final TailoringService tailorings;
  private final PackageService packages;
  private final CurrentUser currentUser;

  TailoringApiController(
      TailoringService tailorings, PackageService packages, CurrentUser currentUser) {
    this.tailorings = tailorings;
    this.packages = packages;
    this.currentUser = currentUser;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  TailoringJson.Page list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    Long packageId = packageParam(request);
    String phrase = q.phrase() != null ? q.phrase() : q.name();
    int max = q.max() == ListQuery.ALL ? Integer.MAX_VALUE : q.max();
    List<TailoringJson.Tailoring> items =
        tailorings.list(packageId, phrase, max, q.offset()).stream().map(this::json).toList();
    return new TailoringJson.Page(
        items, Meta.of(q, items.size(), tailorings.count(packageId, phrase)));
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  TailoringJson.One get(@PathVariable long id) {
    return new TailoringJson.One(json(tailorings.get(id)));
  }

  @GetMapping(BASE + "/{id}/file")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  ResponseEntity<byte[]> file(@PathVariable long id) {
    TailoringVersion v = tailorings.file(id);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"tailoring-" + id + "-v" + v.versionNo() + ".xml\"")
        .header("X-Content-Type-Options", "nosniff")
        .body(v.document().getBytes(StandardCharsets.UTF_8));
  }

  @PostMapping(value = BASE, consumes = MediaType.APPLICATION_JSON_VALUE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  TailoringJson.Saved create(@RequestBody(required = false) TailoringJson.Request body) {
    return saved(tailorings.create(body(body).input(), user()));
  }

  @PostMapping(value = BASE, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  TailoringJson.Saved upload(
      @RequestParam(value = "file", required = false) MultipartFile file,
      @RequestParam(value = "name", required = false) String name,
      @RequestParam(value = "description", required = false) String description,
      @RequestParam(value = "securityPackage", required = false) String packageId,
      @RequestParam(value = "scanPath", required = false) String scanPath)
      throws IOException {
    Long pkg = null;
    if (packageId != null && !packageId.isBlank()) {
      if (!packageId.strip().matches("[0-9]{1,18}")) {
        throw new InvalidInputException(
            FAIL, Map.of("securityPackage", "must be a package id (a number)"));
      }
      pkg = Long.parseLong(packageId.strip());
    }
    byte[] bytes = file == null ? null : file.getBytes();
    return saved(tailorings.upload(name, description, pkg, scanPath, bytes, user()));
  }

  @PutMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  TailoringJson.Saved update(
      @PathVariable long id, @RequestBody(required = false) TailoringJson.Request body) {
    TailoringJson.Body b = body(body);
    if (b.securityPackage() != null || b.scanPath() != null) {
      SecurityTailoring cur = tailorings.get(id);
      boolean samePackage =
          b.securityPackage() == null
              || Long.valueOf(cur.packageId()).equals(b.securityPackage().id());
      boolean samePath = b.scanPath() == null || b.scanPath().equals(cur.scanPath());
      if (!samePackage || !samePath) {
        throw new InvalidInputException(
            FAIL,
            Map.of(
                samePackage ? "scanPath" : "securityPackage",
                "cannot change: a tailoring belongs to one package checklist"));
      }
    }
    return saved(tailorings.update(id, b.input(), user()));
  }

  /** A body of the wrong shape, answered naming the field where it went wrong. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    String field = null;
    if (e.getMostSpecificCause() instanceof JacksonException je && !je.getPath().isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (JacksonException.Reference r : je.getPath()) {
        String part = r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]";
        b.append(b.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
      }
      field = b.toString();
    }
    String msg =
        field == null
            ? "Request body is not valid JSON of the expected shape"
            : "Request body has a value of the wrong type at " + field;
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(ApiError.of(400, msg, field == null ? null : Map.of(field, expected(field))));
  }

  private static String expected(String field) {
    if (field.contains(".rules")) {
      return "must be an object of rule id to true or false";
    }
    if (field.contains(".values")) {
      return "must be an object of value id to a string";
    }
    if (field.contains(".securityPackage")) {
      return "must be an object with the package id: {\"id\": 5}";
    }
    return "has the wrong type";
  }

  private static TailoringJson.Body body(TailoringJson.Request body) {
    if (body == null || body.securityTailoring() == null) {
      throw new InvalidInputException(
          FAIL, Map.of("securityTailoring", "the body must be {\"securityTailoring\": {...}}"));
    }
    return body.securityTailoring();
  }

  private static Long packageParam(HttpServletRequest request) {
    String v = request.getParameter("securityPackage");
    if (v == null || v.isBlank()) {
      return null;
    }
    if (!v.strip().matches("[0-9]{1,18}")) {
      throw new InvalidInputException("securityPackage", "must be a package id (a number)");
    }
    return Long.parseLong(v.strip());
  }

  private String user() {
    return currentUser.current().map(UserRef::username).orElse(null);
  }

  private TailoringJson.Saved saved(SecurityTailoring t) {
    return new TailoringJson.Saved(true, json(t));
  }

  private TailoringJson.Tailoring json(SecurityTailoring t) {
    String name;
    try {
      name = packages.get(t.packageId()).name();
    } catch (NotFoundException gone) {
      name = null;
    }
    return TailoringJson.Tailoring.of(t, name);
  }
}
