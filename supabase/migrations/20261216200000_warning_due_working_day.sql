-- Issue 19, the working calendar in due days: a warning's due day (warning.due_days) is a working
-- day. Sections: 1 private.next_working_day(date), 2 private.warning_due_on moves a due day that
-- is not worked to the next working day, 3 due days follow calendar.days too, 4 grants.
--
-- Decisions (docs/calendar.md): a rule's length stays in calendar days (high: 3 days); only the
-- day it lands on follows the calendar (a statutory holiday and its weekend days, a company
-- holiday, an ordinary weekend move to the next working day; a make-up day 班 is worked). The
-- warning desk, the warning's detail, the overdue notifications and the due_on kept on the row
-- all read private.warning_due_on, so they follow. Contractual days (case.sla_days,
-- delivery.confirm_days) and meeting decisions' own dates are unchanged.

-- 1 the next working day -------------------------------------------------------------------------

-- The day itself when worked (private.is_working_day), else the first working day after it. With
-- no working day within a year (a calendar.days gone wrong) the day itself: a due day is never
-- lost, and the phone's WorkCalendar.next_working_day answers the same.
create or replace function private.next_working_day(p_day date) returns date
language plpgsql stable set search_path = '' set jit = off
as $$
declare
  d date := p_day;
begin
  if p_day is null then
    return null;
  end if;
  while d - p_day <= 366 loop
    if private.is_working_day(d) then
      return d;
    end if;
    d := d + 1;
  end loop;
  return p_day;
end
$$;

-- 2 a warning's due day ----------------------------------------------------------------------------

-- The last company day a warning raised at p_raised_at may stay unresolved: the company date it
-- was raised + warning.due_days.<severity> (calendar days), moved to the next working day when
-- that day is not worked. Raised on Tuesday 1 Dec, high (3 days): due Friday 4 Dec; raised on
-- Wednesday 30 September 2026, medium (7 days): 7 October is 国庆, due Thursday 8 October.
create or replace function private.warning_due_on(p_severity text, p_raised_at timestamptz)
returns date
language sql stable security definer set search_path = '' set jit = off
as $$
  select private.next_working_day(
    (p_raised_at at time zone private.company_tz())::date + private.warning_due_days(p_severity))
$$;

-- 3 due days follow the company's calendar ---------------------------------------------------------

-- private.warnings_due_days_changed (20261211300000) re-sets due_on on unresolved warnings when
-- warning.due_days changes; a change of calendar.days moves due days as well.
create trigger settings_calendar_days_warnings_due
  after insert or update on public.settings
  for each row when (new.key = 'calendar.days')
  execute function private.warnings_due_days_changed();

update public.warnings w
   set due_on = private.warning_due_on(w.severity, w.raised_at)
 where w.due_on is distinct from private.warning_due_on(w.severity, w.raised_at);

-- 4 grants ---------------------------------------------------------------------------------------

revoke all on function private.next_working_day(date) from public, anon;
grant execute on function private.next_working_day(date) to authenticated, service_role;
revoke all on function private.warning_due_on(text, timestamptz) from public, anon;
grant execute on function private.warning_due_on(text, timestamptz) to authenticated, service_role;
