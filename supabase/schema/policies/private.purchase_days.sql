-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE private.purchase_days ENABLE ROW LEVEL SECURITY;
