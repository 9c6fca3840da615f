// Quartz cron expressions (`sec min hour day-of-month month day-of-week [year]`), as connection
// templates use them: validation with Quartz's rules and an English description of common forms.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type FieldSpec = { name: string; min: number; max: number; names?: string[]; nameBase?: number; special: RegExp };

const FIELDS: FieldSpec[] = [
  { name: 'seconds', min: 0, max: 59, special: /^$/ },
  { name: 'minutes', min: 0, max: 59, special: /^$/ },
  { name: 'hours', min: 0, max: 23, special: /^$/ },
  { name: 'day-of-month', min: 1, max: 31, special: /^(\?|L|LW|L-\d{1,2}|\d{1,2}W)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1, special: /^$/ },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, nameBase: 1, special: /^(\?|[1-7]L|[A-Z]{3}L|[1-7]#[1-5]|[A-Z]{3}#[1-5]|L)$/ },
  { name: 'year', min: 1970, max: 2099, special: /^$/ },
];

function value(tok: string, f: FieldSpec): number | null {
  if (/^\d+$/.test(tok)) {
    const n = Number(tok);
    return n >= f.min && n <= f.max ? n : null;
  }
  const i = f.names?.indexOf(tok) ?? -1;
  return i >= 0 ? i + (f.nameBase ?? 0) : null;
}

function checkField(raw: string, f: FieldSpec): string | null {
  const s = raw.toUpperCase();
  if (f.special.test(s)) {
    if (s.includes('#') || s.endsWith('L') || s.endsWith('W')) {
      const head = s.replace(/(#\d|L|W)$/, '').replace(/^L-?/, '');
      if (head && !/^\d+$/.test(head) && value(head, f) === null) return `invalid ${f.name} "${raw}"`;
    }
    return null;
  }
  for (const part of s.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) return `invalid ${f.name} "${raw}"`;
    const [, range, step] = m;
    if (step !== undefined && (Number(step) < 1 || Number(step) > f.max)) return `invalid step in ${f.name} "${raw}"`;
    if (range === '*') continue;
    const bounds = range!.split('-');
    if (bounds.length > 2) return `invalid ${f.name} "${raw}"`;
    for (const b of bounds) if (value(b, f) === null) return `${f.name} value "${b}" out of range (${f.min}–${f.max})`;
  }
  return null;
}

export type CronCheck = { valid: true; fields: string[] } | { valid: false; reason: string };

export function parseQuartz(expr: string): CronCheck {
  const fields = expr.trim().split(/\s+/).filter(Boolean);
  if (fields.length < 6 || fields.length > 7) return { valid: false, reason: `expected 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), got ${fields.length}` };
  for (let i = 0; i < fields.length; i++) {
    const err = checkField(fields[i]!, FIELDS[i]!);
    if (err) return { valid: false, reason: err };
  }
  const dom = fields[3]!, dow = fields[5]!;
  if ((dom === '?') === (dow === '?')) return { valid: false, reason: "exactly one of day-of-month and day-of-week must be '?'" };
  return { valid: true, fields: fields.map((f) => f.toUpperCase()) };
}

const pad = (n: number) => String(n).padStart(2, '0');
function clock(h: number, m: number, s = 0) {
  const suffix = h < 12 ? 'AM' : 'PM';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${pad(h12)}:${pad(m)}${s ? `:${pad(s)}` : ''} ${suffix}`;
}
const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const isNum = (s: string) => /^\d+$/.test(s);

function nameOf(tok: string, names: string[], full: string[], base: number) {
  const i = isNum(tok) ? Number(tok) - base : names.indexOf(tok);
  return full[i] ?? tok;
}

function describeTime(sec: string, min: string, hour: string): string {
  const every = (f: string) => /^(\*|0\/1|\*\/1)$/.test(f);
  const step = (f: string) => /^(\*|0)\/(\d+)$/.exec(f)?.[2];
  if (every(sec) && every(min) && every(hour)) return 'Every second';
  if (!isNum(sec)) return `At second ${sec}, minute ${min}, hour ${hour}`;
  const s = Number(sec);
  if (every(min) && every(hour)) return s === 0 ? 'Every minute' : `Every minute, at second ${s}`;
  if (step(min) && every(hour)) return `Every ${step(min)} minutes`;
  if (isNum(min) && every(hour)) return Number(min) === 0 ? 'Every hour' : `At ${min} minutes past the hour`;
  if (isNum(min) && step(hour)) return `Every ${step(hour)} hours${Number(min) ? `, at ${min} minutes past the hour` : ''}`;
  if (isNum(min) && /^\d+(,\d+)*$/.test(hour)) return `At ${list(hour.split(',').map((h) => clock(Number(h), Number(min), s)))}`;
  if (isNum(min) && /^\d+-\d+$/.test(hour)) {
    const [a, b] = hour.split('-').map(Number) as [number, number];
    return `At ${min} minutes past the hour, between ${clock(a, 0)} and ${clock(b, 59)}`;
  }
  return `At second ${sec}, minute ${min}, hour ${hour}`;
}

function describeDays(dom: string, month: string, dow: string, year?: string): string {
  let out = '';
  if (dow !== '?' && dow !== '*') {
    if (/^[A-Z0-9]+-[A-Z0-9]+$/.test(dow)) {
      const [a, b] = dow.split('-') as [string, string];
      out += `, ${nameOf(a, DAYS, DAY_NAMES, 1)} through ${nameOf(b, DAYS, DAY_NAMES, 1)}`;
    } else if (/^[A-Z0-9]+(,[A-Z0-9]+)*$/.test(dow)) out += `, only on ${list(dow.split(',').map((d) => nameOf(d, DAYS, DAY_NAMES, 1)))}`;
    else if (/^[A-Z0-9]+#\d$/.test(dow)) {
      const [d, n] = dow.split('#') as [string, string];
      out += `, on the ${['first', 'second', 'third', 'fourth', 'fifth'][Number(n) - 1]} ${nameOf(d, DAYS, DAY_NAMES, 1)} of the month`;
    } else if (/^[A-Z0-9]+L$/.test(dow)) out += `, on the last ${nameOf(dow.slice(0, -1), DAYS, DAY_NAMES, 1)} of the month`;
    else out += `, on day-of-week ${dow}`;
  }
  if (dom !== '?' && dom !== '*') {
    if (dom === 'L') out += ', on the last day of the month';
    else if (dom === 'LW') out += ', on the last weekday of the month';
    else if (/^\d+W$/.test(dom)) out += `, on the weekday nearest day ${dom.slice(0, -1)} of the month`;
    else if (/^\d+(,\d+)*$/.test(dom)) out += `, on day ${list(dom.split(','))} of the month`;
    else if (/^\d+-\d+$/.test(dom)) out += `, between day ${dom.replace('-', ' and ')} of the month`;
    else if (/^(\*|1)\/\d+$/.test(dom)) out += `, every ${dom.split('/')[1]} days`;
    else out += `, on day-of-month ${dom}`;
  }
  if (month !== '*') {
    if (/^[A-Z0-9]+(,[A-Z0-9]+)*$/.test(month)) out += `, only in ${list(month.split(',').map((m) => nameOf(m, MONTHS, MONTH_NAMES, 1)))}`;
    else if (/^[A-Z0-9]+-[A-Z0-9]+$/.test(month)) {
      const [a, b] = month.split('-') as [string, string];
      out += `, ${nameOf(a, MONTHS, MONTH_NAMES, 1)} through ${nameOf(b, MONTHS, MONTH_NAMES, 1)}`;
    } else out += `, in month ${month}`;
  }
  if (year && year !== '*') out += `, only in ${year}`;
  return out;
}

/** `{description, is_valid}` as the cron/describe endpoint answers. */
export function describeCron(expr: string): { description: string; is_valid: boolean } {
  const p = parseQuartz(expr);
  if (!p.valid) return { description: `Invalid cron expression: ${p.reason}`, is_valid: false };
  const [sec, min, hour, dom, month, dow, year] = p.fields as [string, string, string, string, string, string, string?];
  return { description: describeTime(sec, min, hour) + describeDays(dom, month, dow, year), is_valid: true };
}
