// The org's call outcomes (admin-defined, R-POST-1): the list the summary
// panel offers, and the pure edits of the Settings editor.
import { signal } from '@preact/signals'
import { api } from '../api/endpoints'

/** The org's outcomes as last read; null until read. */
export const orgOutcomes = signal<string[] | null>(null)

/** loadOutcomes reads the list again (each summary reads it, so an admin's
 * change shows in the next panel). */
export async function loadOutcomes(): Promise<string[]> {
  const r = await api.outcomes()
  orgOutcomes.value = r.outcomes
  return r.outcomes
}

/** An outcome being edited: key stays the same across renames and moves,
 * so inputs keep their focus. */
export interface OutcomeRow {
  key: number
  name: string
}

export function rowsOf(list: string[]): OutcomeRow[] {
  return list.map((name, i) => ({ key: i + 1, name }))
}

/** nextKey is a key no row has. */
export function nextKey(rows: OutcomeRow[]): number {
  return rows.reduce((m, r) => Math.max(m, r.key), 0) + 1
}

/** moved moves row i by delta (−1 up, +1 down); out of range is no change. */
export function moved(rows: OutcomeRow[], i: number, delta: number): OutcomeRow[] {
  const j = i + delta
  if (i < 0 || i >= rows.length || j < 0 || j >= rows.length) return rows
  const out = rows.slice()
  ;[out[i], out[j]] = [out[j], out[i]]
  return out
}

/** namesOf is what Save sends: the names as typed, in order (the server
 * checks length, blanks and duplicates and names the entry). */
export function namesOf(rows: OutcomeRow[]): string[] {
  return rows.map((r) => r.name)
}

/** rowError is the server's error for the entry at index i (`outcomes[i]`). */
export function rowError(fields: Record<string, string>, i: number): string | undefined {
  return fields[`outcomes[${i}]`]
}
