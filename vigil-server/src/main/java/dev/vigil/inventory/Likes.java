package dev.vigil.inventory;

/** The search pattern the inventory repositories share. */
final class Likes {

  private Likes() {}

  static String like(String phrase) {
    return "%" + phrase.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
