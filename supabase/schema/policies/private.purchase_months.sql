-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE private.purchase_months ENABLE ROW LEVEL SECURITY;
