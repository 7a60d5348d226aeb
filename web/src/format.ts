// Display formatting.

/** money formats minor units (cents) as an amount, e.g. 4800000 → $48,000.00. */
export function money(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100)
}

/** parseMoney reads "48,000.50" or "$48000" into cents; null when it is not an amount. */
export function parseMoney(s: string): number | null {
  const t = s.replace(/[\s,$€£]/g, '')
  if (t === '') return 0
  if (!/^\d+(\.\d{0,2})?$/.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2))
}

/** centsToInput shows cents in an input: 4800000 → "48000.00", 0 → "". */
export function centsToInput(cents: number): string {
  return cents ? (cents / 100).toFixed(2) : ''
}

/** duration shows seconds as "45 s", "3 min 05 s" or "1 h 02 min". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || seconds < 0) return ''
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`
}

/** when shows a timestamp in the user's locale. */
export function when(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** day shows a YYYY-MM-DD date without shifting it through a time zone. */
export function day(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  if (!m) return ymd
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
}

/** todayIn is today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}
