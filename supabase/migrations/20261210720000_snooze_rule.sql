-- The settings screen's rule for warning.snooze_days (policy_scorecards) was written before the
-- warnings desk defined the setting and its own check (warning_desk: a whole number of days from 1
-- to 365): the catalog shows that range, and the desk's check is the one that answers.
update private.setting_rules
   set min = 1, checked_by = 'private.check_warning_snooze_setting'
 where key = 'warning.snooze_days';
