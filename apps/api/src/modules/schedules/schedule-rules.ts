import { addDays, MAX_SCHEDULE_SPAN_DAYS } from '@wenming/shared';
import type { FieldError } from '../../common/errors/app-error';

/** Rules on a whole (merged) schedule: end after start on the same day, endsOn ≥ startsOn, at most two years. */
export function scheduleErrors(s: { startTime: string; endTime: string; startsOn: string; endsOn: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!(s.endTime > s.startTime)) errors.push({ field: 'endTime', message: '结束时间必须晚于开始时间（同一天内）' });
  if (s.endsOn < s.startsOn) errors.push({ field: 'endsOn', message: 'endsOn 不能早于 startsOn' });
  else if (s.endsOn > addDays(s.startsOn, MAX_SCHEDULE_SPAN_DAYS)) errors.push({ field: 'endsOn', message: '一个服务日安排最长两年，请分段创建' });
  return errors;
}
