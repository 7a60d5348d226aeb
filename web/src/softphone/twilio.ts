// The Twilio back-end: the Voice JavaScript SDK (@twilio/voice-sdk). This
// module is only ever imported dynamically (device.ts), so the SDK is its
// own chunk, loaded when the user's provider is Twilio.
// SDK reference: https://www.twilio.com/docs/voice/sdks/javascript/twiliodevice
import { Call, Device as VoiceDevice } from '@twilio/voice-sdk'
import { legOf, type Device } from './device'
import type { DeviceInfo, PhoneCall } from './types'

/** How long accept/reject wait for the SDK's incoming call when the
 * server's `call` event arrived first. */
const INCOMING_WAIT_MS = 5_000

export class TwilioDevice implements Device {
  readonly kind = 'twilio' as const
  private sdk: VoiceDevice
  /** Incoming SDK calls by their CallSid (= the event's leg_sid). */
  private calls = new Map<string, Call>()
  private waiters = new Map<string, (c: Call) => void>()

  constructor(info: DeviceInfo) {
    this.sdk = new VoiceDevice(info.token!, { closeProtection: true, codecPreferences: [Call.Codec.Opus, Call.Codec.PCMU] })
    this.sdk.on('incoming', (c: Call) => this.add(c))
  }

  private add(c: Call) {
    const sid = c.parameters.CallSid
    if (!sid) return
    this.calls.set(sid, c)
    const forget = () => this.calls.delete(sid)
    c.on('cancel', forget)
    c.on('disconnect', forget)
    c.on('reject', forget)
    this.waiters.get(sid)?.(c)
    this.waiters.delete(sid)
  }

  /** find returns the SDK call for the event's leg, waiting a moment for
   * it when the server's event arrived before the SDK's. */
  private find(call: PhoneCall): Promise<Call> {
    const sid = legOf(call)
    const c = this.calls.get(sid)
    if (c) return Promise.resolve(c)
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters.delete(sid)
        reject(new Error('This call is not connected to this browser tab (it may be open in another tab).'))
      }, INCOMING_WAIT_MS)
      this.waiters.set(sid, (x) => {
        clearTimeout(t)
        resolve(x)
      })
    })
  }

  register() {
    return this.sdk.register()
  }
  async accept(call: PhoneCall) {
    ;(await this.find(call)).accept()
  }
  async reject(call: PhoneCall) {
    ;(await this.find(call)).reject()
  }
  async sendDigits(call: PhoneCall, digits: string) {
    ;(await this.find(call)).sendDigits(digits)
  }
  /** connect places the outbound call through the TwiML App; its CallSid
   * (the event's leg_sid) is known once the SDK reports it ringing or
   * accepted, and then hangup and digits find it like an incoming call.
   * https://www.twilio.com/docs/voice/sdks/javascript/twiliodevice#deviceconnectconnectoptions */
  async connect(params: Record<string, string>) {
    const c = await this.sdk.connect({ params })
    const known = () => this.add(c)
    c.on('ringing', known)
    c.on('accept', known)
  }
  update(info: DeviceInfo) {
    if (info.token) this.sdk.updateToken(info.token)
  }
  destroy() {
    this.sdk.destroy()
    this.calls.clear()
  }
}
