-- Batch creation takes the batching lock by writing its row (generation + 1), not only by SELECT ... FOR UPDATE: a
-- row lock is local to one node of a Galera cluster, while a written row is certified across the cluster, so of two
-- batch transactions on different nodes the later one fails at commit and is retried. On one server the UPDATE
-- serialises batch creation exactly like the row lock did.
ALTER TABLE batching_lock ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
