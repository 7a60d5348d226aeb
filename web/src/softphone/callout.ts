// Placing a call (R-OUT-1, R-OUT-3, R-OUT-5): POST /api/v1/calls, then,
// for a Twilio device calling in the browser, Device.connect with the
// params the server returned (docs/outbound.md). The server's refusals
// (no caller ID, outgoing off, an impossible number, already on a call)
// come back as errors whose message is shown next to the button.
import { ApiError } from '../api/client'
import { api } from '../api/endpoints'
import { apply, device, problem } from './phone'
import type { PhoneCall, PlaceCallRequest } from './types'

const FIELDS: Record<string, string> = { to: 'The number', country: 'The country', record_id: 'The record', via: 'How to call' }

/** callProblem is what to tell the agent about a refused call: the
 * field's rule for a 422 ("The number is not a possible phone number for
 * GB"), else the server's message (the 409s say why, in words). */
export function callProblem(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = Object.entries(e.fields)
    if (fields.length > 0) return fields.map(([f, m]) => `${FIELDS[f] || f} ${m}`).join('; ')
  }
  return problem(e)
}

export type Via = 'browser' | 'phone'

/** placeCall places the call and starts the browser's leg when the
 * device needs to; the call event it returns is applied at once so the
 * dock shows "Calling…" before the stream's event arrives. */
export async function placeCall(req: PlaceCallRequest): Promise<void> {
  const placed = await api.placeCall(req)
  apply('call', placed.call as PhoneCall)
  const connect = placed.connect
  if (placed.device === 'twilio' && req.via !== 'phone' && connect) {
    const dev = device.value
    if (!dev || dev.kind !== 'twilio') throw new Error('The phone in this browser is not ready: reload the page and try again.')
    await dev.connect(connect.params)
  }
}
