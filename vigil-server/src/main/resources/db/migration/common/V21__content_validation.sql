-- Checklists are validated when their package is indexed (issue 11 point 8): the problem found in
-- an accepted invalid checklist (scanned with --skip-valid), and the package's choice to keep such
-- content rather than refuse it.
alter table security_packages add column accept_invalid boolean default false not null;
alter table security_package_checklists add column validation_problem varchar(2000);
