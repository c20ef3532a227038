-- Settings the planning screen reads (issue 8): how often each grade is due for a visit, and
-- where each day's route starts. Synced to phones with the other settings.
insert into public.settings (key, value, description) values
  ('visit.frequency_days', '{"A": 7, "B": 14, "C": 30, "D": 90}',
   'Visit frequency by customer grade: an outlet is due this many days after its last visit'),
  ('visit.route_start', '{"mode": "office", "offices": {}, "homes": {}}',
   'Where each day''s route starts: mode office or home; offices by area id and homes by rep id as {"lat", "lng"}; with neither set, the phone''s position')
on conflict (key) do nothing;
