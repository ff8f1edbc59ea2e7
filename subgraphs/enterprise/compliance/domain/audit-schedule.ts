import type { ComplianceAuditSchedule } from '../../../../schema/events';

const MONTHS: Readonly<Record<ComplianceAuditSchedule, number>> = { MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12 };

/** When the next audit is due after `from`: same day of month, clamped to the month's last day (31 Jan → 28/29 Feb). */
export function nextAuditAfter(from: string, schedule: ComplianceAuditSchedule): string {
  const start = new Date(from);
  const months = start.getUTCMonth() + MONTHS[schedule];
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), months + 1, 0)).getUTCDate();
  const due = new Date(start);
  due.setUTCDate(1);
  due.setUTCMonth(months);
  due.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return due.toISOString();
}
