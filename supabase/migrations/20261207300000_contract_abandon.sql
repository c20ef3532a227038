-- A draft or a contract in review may be terminated (abandoned before signing): the workflow
-- allows draft → terminated and in_review → terminated, but the table's check asked every status
-- past review for a signing date, so terminate_contract failed on an unsigned contract with a
-- bare check violation. A terminated contract needs a signing date only if it was signed.
alter table public.contracts drop constraint contracts_check1;
alter table public.contracts add constraint contracts_check1
  check (status in ('draft', 'in_review', 'terminated') or signed_on is not null);
