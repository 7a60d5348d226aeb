// One softphone, two device back-ends behind one small interface: the
// sandbox device acts through the server (POST /api/v1/softphone/actions,
// which drives the sandbox carrier's control API), the Twilio device through
// the Voice JavaScript SDK, loaded as its own chunk only when needed.
import { api } from '../api/endpoints'
import type { DeviceInfo, PhoneCall } from './types'

/** A Device answers and rejects the calls that ring the agent's
 * browser and sends DTMF digits into them. Calls are matched by the
 * carrier leg that rings the agent (PhoneCall.leg_sid). */
export interface Device {
  readonly kind: 'sandbox' | 'twilio'
  /** register makes the device ready to ring. */
  register(): Promise<void>
  accept(call: PhoneCall): Promise<void>
  reject(call: PhoneCall): Promise<void>
  sendDigits(call: PhoneCall, digits: string): Promise<void>
  /** connect starts an outbound call from this browser with the params
   * POST /api/v1/calls returned (docs/outbound.md); the sandbox device has
   * nothing to do (the server starts the call). */
  connect(params: Record<string, string>): Promise<void>
  /** update hands the device a newer answer of GET /api/v1/softphone (a fresh token). */
  update(info: DeviceInfo): void
  destroy(): void
}

export type Backend = 'sandbox' | 'twilio'

/** backendFor says which back-end a device answer needs: none for a user
 * on no provider, or an answer the app does not know (a newer server), or
 * a Twilio answer without a token. */
export function backendFor(info: DeviceInfo | null | undefined): Backend | null {
  if (!info) return null
  if (info.device === 'sandbox') return 'sandbox'
  if (info.device === 'twilio' && info.token) return 'twilio'
  return null
}

/** refreshDelay is how long to wait before asking for a new token: at
 * 80 % of the time left until it expires (at least 5 s, so a clock that
 * is off cannot make the app ask in a loop). null when there is no expiry. */
export function refreshDelay(expiresAt: string | null | undefined, nowMs: number): number | null {
  if (!expiresAt) return null
  const exp = Date.parse(expiresAt)
  if (Number.isNaN(exp)) return null
  return Math.max(5_000, Math.floor((exp - nowMs) * 0.8))
}

/** legOf is the carrier leg a device acts on; a call without one cannot
 * be acted on from the browser. */
export function legOf(call: PhoneCall): string {
  if (!call.leg_sid) throw new Error('This call has no leg to your browser.')
  return call.leg_sid
}

/** SandboxDevice drives the sandbox carrier's simulated device through the server. */
export class SandboxDevice implements Device {
  readonly kind = 'sandbox' as const
  async register() {
    // GET /api/v1/softphone already registered client:<identity> as a manual party.
  }
  accept(call: PhoneCall) {
    return api.softphoneAction({ leg_sid: legOf(call), action: 'answer' })
  }
  reject(call: PhoneCall) {
    return api.softphoneAction({ leg_sid: legOf(call), action: 'reject' })
  }
  sendDigits(call: PhoneCall, digits: string) {
    return api.softphoneAction({ leg_sid: legOf(call), action: 'digits', digits })
  }
  async connect() {
    // The server already started the client-originated call at the sandbox.
  }
  update() {}
  destroy() {}
}

/** createDevice builds the back-end info asks for; the Twilio SDK is
 * imported here, lazily, so it never weighs on the first page load. */
export async function createDevice(info: DeviceInfo): Promise<Device | null> {
  switch (backendFor(info)) {
    case 'sandbox':
      return new SandboxDevice()
    case 'twilio': {
      const { TwilioDevice } = await import('./twilio')
      return new TwilioDevice(info)
    }
    default:
      return null
  }
}
