-- Per-permission level sets: the built-in roles' levels of the two permissions whose levels are
-- not none/read/full. Security: Waivers (none/read/request/approve) and Security: Remediation
-- (none/read/run/approve).
insert into role_permissions (role_id, permission_code, access_level)
  select id, 'security-waivers', 'approve' from roles where name = 'Administrator' and built_in;
insert into role_permissions (role_id, permission_code, access_level)
  select id, 'security-waivers', 'request' from roles where name = 'Security Operator' and built_in;
insert into role_permissions (role_id, permission_code, access_level)
  select id, 'security-waivers', 'read' from roles where name = 'Auditor' and built_in;
insert into role_permissions (role_id, permission_code, access_level)
  select id, 'security-remediation', 'approve' from roles where name = 'Administrator' and built_in;
insert into role_permissions (role_id, permission_code, access_level)
  select id, 'security-remediation', 'run' from roles where name = 'Security Operator' and built_in;
insert into role_permissions (role_id, permission_code, access_level)
  select id, 'security-remediation', 'read' from roles where name = 'Auditor' and built_in;
