-- A pull is planned without JIT compilation (issue 20). Its key query is one union over every
-- synced table; at the large demo's scale the planner's estimate for the shipments branch (its
-- OR'ed policy and sync window) is ~370,000 rows, above jit_above_cost, so each page of a pull
-- compiled ~340 functions: 1.6 s of a dealer's 1.7 s first pull, for 703 rows that the scans
-- themselves find in ~0.14 s. The pull's queries are short index and filter scans that JIT does
-- not speed up. A later `create or replace` of sync_pull must repeat this setting.
alter function public.sync_pull(bigint, integer, text) set jit = off;
