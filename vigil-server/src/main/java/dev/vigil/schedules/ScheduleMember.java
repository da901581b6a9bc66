package dev.vigil.schedules;

/** The kinds of member an execute schedule keeps: servers and instances, by id. */
public enum ScheduleMember {
  SERVER("execute_schedule_servers", "server_id", "servers"),
  INSTANCE("execute_schedule_instances", "instance_id", "instances");

  private final String table;
  private final String column;
  private final String key;

  ScheduleMember(String table, String column, String key) {
    this.table = table;
    this.column = column;
    this.key = key;
  }

  String table() {
    return table;
  }

  String column() {
    return column;
  }

  /** The plural API key of this kind of member ({@code servers}, {@code instances}). */
  public String key() {
    return key;
  }
}
