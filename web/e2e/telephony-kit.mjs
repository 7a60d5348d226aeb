// Shared pieces of the browser tests that drive calls: the admin's API, the
// sandbox carrier's control API, polling, and axe.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PASSWORD, ROOT } from './harness.mjs'

/** demoTelephony waits until `serve --demo` has set up its sandbox provider and numbers. */
export async function demoTelephony(server) {
  for (let i = 0; i < 300 && !server.log().includes('demo telephony ready'); i++) await new Promise((r) => setTimeout(r, 100))
  assert.match(server.log(), /demo telephony ready/, 'the demo telephony set-up did not finish')
}

/** apiAs signs in through the API and returns a JSON caller with the bearer token. */
export async function apiAs(base, email) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  assert.equal(res.status, 201, `sign in as ${email}`)
  const { token } = await res.json()
  return async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
}

/** agentWithCallerID finds the demo user with email and their caller ID
 * number, mapping them to the org's first number if the demo did not. */
export async function agentWithCallerID(admin, email) {
  const user = (await admin('GET', '/api/v1/users')).items.find((u) => u.email === email)
  const numbers = (await admin('GET', '/api/v1/numbers')).items
  let mapped = (await admin('GET', '/api/v1/caller-ids')).items.find((c) => c.user_id === user.id)?.number_id
  if (!mapped) {
    mapped = numbers[0].id
    await admin('PUT', `/api/v1/users/${user.id}/caller-id`, { number_id: mapped })
  }
  return { user, callerID: numbers.find((n) => n.id === mapped).e164 }
}

/** sandboxOf returns a caller of app's sandbox carrier control API (loopback only). */
export function sandboxOf(app) {
  return async (method, path, body) => {
    const r = await fetch(`${app.server.url}/sandbox/control${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    if (!r.ok) throw new Error(`sandbox ${method} ${path}: ${r.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
}

/** until polls fn until it returns something truthy (or throws the last failure). */
export async function until(what, fn, ms = 15_000) {
  const end = Date.now() + ms
  let last
  for (;;) {
    try {
      const v = await fn()
      if (v) return v
    } catch (e) {
      last = e
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** axeClean runs axe on the page and fails on WCAG 2 A/AA violations. */
export async function axeClean(page, where) {
  await page.evaluate(readFileSync(join(ROOT, 'web', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'))
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  })
  assert.deepEqual(found, [], `axe on ${where}`)
}

/** dock is the softphone's dock. */
export const dock = (page) => page.getByRole('complementary', { name: 'Phone' })
