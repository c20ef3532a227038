-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE private.photo_file_backlog ENABLE ROW LEVEL SECURITY;
