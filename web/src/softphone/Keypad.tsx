// The keypad: each key sends its DTMF digit into the call through the device.
import { useState } from 'preact/hooks'
import type { Device } from './device'
import { problem } from './phone'
import type { PhoneCall } from './types'

export const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const

export function Keypad({ call, dev }: { call: PhoneCall; dev: Device | null }) {
  const [open, setOpen] = useState(false)
  const [sent, setSent] = useState('')
  const [error, setError] = useState('')
  const press = async (k: string) => {
    if (!dev) return
    setError('')
    try {
      await dev.sendDigits(call, k)
      setSent((s) => (s + k).slice(-32))
    } catch (e) {
      setError(problem(e))
    }
  }
  const id = `keypad-${call.id}`
  return (
    <div class="keypad-box">
      <button type="button" class="btn" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Keypad
      </button>
      {open && (
        <div id={id}>
          <div class="keypad" role="group" aria-label="Keypad">
            {KEYS.map((k) => (
              <button key={k} type="button" class="btn key" disabled={!dev} onClick={() => press(k)}>
                {k}
              </button>
            ))}
          </div>
          <p class="hint" role="status">
            {sent ? `Sent: ${sent}` : ''}
          </p>
          {error && (
            <p class="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
