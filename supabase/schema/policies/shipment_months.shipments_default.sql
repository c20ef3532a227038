-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE shipment_months.shipments_default ENABLE ROW LEVEL SECURITY;
