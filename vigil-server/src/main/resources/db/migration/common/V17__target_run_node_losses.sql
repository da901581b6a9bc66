-- How often a target run's node was lost while it ran (each time it was claimed again as "node
-- lost"): what vigil.executions.node-lost-retries limits. Attempts also count timeout retries and
-- hand-backs of a stopping node, which must not use up the node-lost retries.
alter table target_runs add column node_losses int default 0 not null;
