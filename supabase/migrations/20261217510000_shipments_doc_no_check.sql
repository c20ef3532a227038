-- Issue 20: a shipment line's document number is checked by the same rule, written so that
-- PostgreSQL's regular expression engine does not run a counted repetition per row. The check
-- doc_no ~ '^[A-Za-z0-9_.-]{1,40}$' cost 4.0 s per million lines (every row a first import
-- writes: measured over the large demo's 985,386 document numbers, of an 8 s loader fill);
-- "one or more of those characters, fewer than 41 of them" is the same set of values and costs
-- 0.5 s. Same name (the refusal names shipments_doc_no_check as before), same values allowed.
alter table public.shipments
  drop constraint shipments_doc_no_check,
  add constraint shipments_doc_no_check
    check (doc_no ~ '^[A-Za-z0-9_.-]+$' and char_length(doc_no) < 41);
