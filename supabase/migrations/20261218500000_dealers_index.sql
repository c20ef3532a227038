-- Issue 20: the report scope's dealers through an index. private.report_customers(area, 1), the
-- first-tier customers of the monthly report's plan, dealers' month and ageing sheets (one call
-- each per report), read all 102,000 customers of the national demo to keep the 2,000 dealers:
-- a sequential scan of ~40 ms a call. A partial index holding only the live dealers (~2 % of the
-- rows, so little to keep up on writes) lets the call read just those: the company's dealers
-- from the whole index, one area's through its area_id.
create index customers_dealers_idx on public.customers (area_id)
  where tier = 1 and deleted_at is null;
