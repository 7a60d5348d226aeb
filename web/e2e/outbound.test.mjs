// Browser tests for outbound calls (issue 8; R-OUT-1, R-OUT-3): Alice,
// mapped to one of the demo's numbers as caller ID, clicks Call on Simon
// Martin's work number against `switchboard serve --demo` with its
// in-process sandbox carrier on the real clock; the customer's handset is
// a sandbox party that answers by itself (docs/sandbox.md, control API).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { afterEach, describe, it } from 'node:test'
import { ADMIN, AGENT, SHOTS, signIn, useApp } from './harness.mjs'
import { agentWithCallerID, apiAs, axeClean, demoTelephony, dock, sandboxOf, until } from './telephony-kit.mjs'

// Demo contact Simon Martin (internal/demo/data.go): mobile +1 206 555 0111, work +1 206 555 0112.
const SIMON_WORK = '+12065550112'
const SIMON_MOBILE = '+12065550111'
// The Marcom account's own number (the demo's records never use the carrier
// number the demo buys, +14155550100).
const MARCOM = '+14155550140'
// A London number in Ofcom's drama range that no demo record has (R-OUT-6).
const UNKNOWN_GB = '+442079460321'
// Alice's own phone for "call me first" (R-OUT-5).
const ALICE_PHONE = '+14155550177'

const world = {}

const app = useApp(async (server) => {
  await demoTelephony(server)
  const admin = await apiAs(server.url, ADMIN)
  const alice = await agentWithCallerID(admin, AGENT)
  world.alice = alice.user
  world.callerID = alice.callerID
  world.admin = admin
})
const sandbox = sandboxOf(app)

/** legsTo lists the sandbox's call legs to (or from) a party. */
async function legsTo(address) {
  return (await sandbox('GET', `/calls?party=${encodeURIComponent(address)}`)).calls || []
}

// A test that failed half-way leaves no customer on the line (nor Alice busy) for the next.
afterEach(async () => {
  const legs = [...(await legsTo(SIMON_WORK).catch(() => [])), ...(await legsTo(SIMON_MOBILE).catch(() => [])), ...(await legsTo(ALICE_PHONE).catch(() => [])), ...(await legsTo(MARCOM).catch(() => [])), ...(await legsTo(UNKNOWN_GB).catch(() => []))]
  for (const l of legs) {
    if (!['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(l.status)) {
      await sandbox('POST', `/calls/${l.sid}/actions`, { action: 'hangup' }).catch(() => undefined)
    }
  }
})


/** ready signs in and waits until the server has the browser's device (the sandbox party). */
async function ready(page, email, next) {
  const device = page.waitForResponse((r) => r.url().endsWith('/api/v1/softphone') && r.ok())
  await signIn(page, email, next)
  await device
}

describe('outbound calls', { timeout: 180_000 }, () => {
  it('click to call Simon Martin\'s work number: the carrier sees a call from Alice\'s caller ID, the customer answers, the in-call panel shows, Alice ends it', () =>
    app.run('outbound click to call', async (page) => {
      // The customer's handset answers after a second (docs/sandbox.md parties).
      await sandbox('PUT', `/parties/${encodeURIComponent(SIMON_WORK)}`, { behaviour: 'answer@1s' })
      const contacts = await world.admin('GET', '/api/v1/contacts?prefix=Simon')
      const simon = contacts.items.find((c) => c.name === 'Simon Martin')
      assert.ok(simon, 'the demo has Simon Martin')
      await ready(page, AGENT, `/records/${simon.id}`)
      await page.getByRole('heading', { name: 'Simon Martin' }).first().waitFor()
      // One Call button per number.
      await page.getByRole('button', { name: /^Call mobile / }).waitFor()
      await axeClean(page, 'a record with Call buttons')
      const before = await legsTo(SIMON_WORK)
      await page.getByRole('button', { name: `Call work ${SIMON_WORK}`, exact: true }).click()

      const leg = await until('the carrier to dial Simon\'s work number', async () =>
        (await legsTo(SIMON_WORK)).find((l) => !before.some((b) => b.sid === l.sid) && l.to === SIMON_WORK && !l.from.startsWith('client:')),
      )
      assert.equal(leg.from, world.callerID, 'the caller ID is Alice\'s mapped number')

      const panel = dock(page).getByRole('region', { name: `On a call with ${SIMON_WORK}` })
      await panel.waitFor({ timeout: 20_000 })
      await panel.getByRole('link', { name: 'Simon Martin' }).waitFor()
      await page.screenshot({ path: join(SHOTS, 'outbound-in-call.png') })
      const call = (await world.admin('GET', '/api/v1/calls')).items.find((c) => c.direction === 'outbound' && c.to === SIMON_WORK)
      assert.ok(call, 'the call log has the outbound call')
      assert.equal(call.record_id, simon.id)
      assert.equal(call.answered_by, world.alice.id)

      await panel.getByRole('button', { name: 'End call' }).click()
      await panel.waitFor({ state: 'detached', timeout: 15_000 })
      await until('the call to end', async () => (await world.admin('GET', `/api/v1/calls/${call.id}`)).ended_at)
    }))

  it('the dial pad refuses an impossible number beside the field and dials nothing', () =>
    app.run('outbound dial pad impossible', async (page) => {
      await ready(page, AGENT, '/contacts')
      const before = (await world.admin('GET', '/api/v1/calls')).items.length
      await dock(page).getByRole('button', { name: 'Dial pad' }).click()
      const pad = dock(page).getByRole('region', { name: 'Dial a number' })
      const org = await world.admin('GET', '/api/v1/org')
      assert.equal(await pad.getByLabel('Country').inputValue(), org.default_country, 'the org\'s default country is preselected')
      await pad.getByLabel('Country').selectOption('GB')
      await pad.getByLabel('Number').fill('12')
      await pad.getByRole('button', { name: 'Call', exact: true }).click()
      const err = pad.getByRole('alert')
      await err.waitFor()
      // The server's parser names the rule (docs/outbound.md: field `to`).
      assert.match(await err.innerText(), /^The number (is|.*phone number)/)
      assert.equal(await pad.getByLabel('Number').getAttribute('aria-invalid'), 'true')
      assert.equal((await world.admin('GET', '/api/v1/calls')).items.length, before, 'nothing was dialled')
      await axeClean(page, 'the dial pad with its error')
      await page.screenshot({ path: join(SHOTS, 'outbound-dial-pad-error.png') })
    }))

  it('the dial pad calls a number no record has (GB): a contact is created for it and the call is logged on it', () =>
    app.run('outbound dial pad unknown number', async (page) => {
      await sandbox('PUT', `/parties/${encodeURIComponent(UNKNOWN_GB)}`, { behaviour: 'answer@1s' })
      const lookup = async () => (await world.admin('GET', `/api/v1/lookup?number=${encodeURIComponent(UNKNOWN_GB)}`)).items
      assert.deepEqual(await lookup(), [], 'no record has the number yet')
      await ready(page, AGENT, '/contacts')
      await dock(page).getByRole('button', { name: 'Dial pad' }).click()
      const pad = dock(page).getByRole('region', { name: 'Dial a number' })
      await pad.getByLabel('Country').selectOption('GB')
      await pad.getByLabel('Number').fill('020 7946 0321')
      await pad.getByRole('button', { name: 'Call', exact: true }).click()
      const leg = await until('the carrier to dial the GB number', async () =>
        (await legsTo(UNKNOWN_GB)).find((l) => l.to === UNKNOWN_GB && !l.from.startsWith('client:')),
      )
      assert.equal(leg.from, world.callerID)
      const panel = dock(page).getByRole('region', { name: `On a call with ${UNKNOWN_GB}` })
      await panel.waitFor({ timeout: 20_000 })
      const call = (await world.admin('GET', '/api/v1/calls')).items.find((c) => c.direction === 'outbound' && c.to === UNKNOWN_GB)
      assert.ok(call?.record_id, 'the call is logged on a record')
      const hits = await lookup()
      assert.equal(hits.length, 1, 'one record has the number now')
      assert.equal(hits[0].kind, 'contact', 'a contact was created')
      assert.equal(hits[0].record_id, call.record_id)
      await panel.getByRole('button', { name: 'End call' }).click()
      await panel.waitFor({ state: 'detached', timeout: 15_000 })
    }))

  it('call me first rings Alice\'s phone from her caller ID, then the customer, and bridges them; End call hangs her phone up', () =>
    app.run('outbound call me first', async (page) => {
      await world.admin('PATCH', `/api/v1/users/${world.alice.id}`, { forwarding_number: ALICE_PHONE })
      try {
        // Her phone answers after 3 s: until then the customer is not dialled.
        await sandbox('PUT', `/parties/${encodeURIComponent(ALICE_PHONE)}`, { behaviour: 'answer@3s' })
        await sandbox('PUT', `/parties/${encodeURIComponent(SIMON_MOBILE)}`, { behaviour: 'answer@1s' })
        const simon = (await world.admin('GET', '/api/v1/contacts?prefix=Simon')).items.find((c) => c.name === 'Simon Martin')
        await ready(page, AGENT, `/records/${simon.id}`)
        const t0 = Date.now()
        await page.getByRole('button', { name: `Call mobile ${SIMON_MOBILE} from my phone ${ALICE_PHONE} first` }).click()
        const mine = await until('the carrier to ring Alice\'s phone', async () => (await legsTo(ALICE_PHONE)).find((l) => l.to === ALICE_PHONE))
        assert.equal(mine.from, world.callerID, 'her phone is rung from her caller ID')
        assert.deepEqual((await legsTo(SIMON_MOBILE)).filter((l) => !l.from.startsWith('client:')), [], 'the customer is dialled only once she answers')
        const theirs = await until('the carrier to dial Simon\'s mobile', async () =>
          (await legsTo(SIMON_MOBILE)).find((l) => l.to === SIMON_MOBILE && !l.from.startsWith('client:')),
        )
        assert.equal(theirs.from, world.callerID)
        const panel = dock(page).getByRole('region', { name: `On a call with ${SIMON_MOBILE}` })
        await panel.waitFor({ timeout: 20_000 })
        const call = (await world.admin('GET', '/api/v1/calls')).items.find((c) => c.direction === 'outbound' && c.to === SIMON_MOBILE)
        assert.ok(call && Date.parse(call.started_at) >= t0 - 5_000, 'the call log has the call-me-first call')
        // End call in the app hangs up her phone (no browser device holds it) and the customer with it.
        await panel.getByRole('button', { name: 'End call' }).click()
        await panel.waitFor({ state: 'detached', timeout: 15_000 })
        await until('both legs to end at the carrier', async () =>
          [...(await legsTo(ALICE_PHONE)), ...(await legsTo(SIMON_MOBILE))].every((l) => l.status === 'completed' || l.status === 'canceled'))
      } finally {
        await world.admin('PATCH', `/api/v1/users/${world.alice.id}`, { forwarding_number: '' })
      }
    }))

  it('search to call: "Mar" in the dock lists Marcom and Margaret Smith; Marcom\'s number, with its label, is called from Alice\'s caller ID', () =>
    app.run('outbound search to call', async (page) => {
      await sandbox('PUT', `/parties/${encodeURIComponent(MARCOM)}`, { behaviour: 'answer@1s' })
      await ready(page, AGENT, '/contacts')
      await dock(page).getByRole('button', { name: 'Dial pad' }).click()
      const pad = dock(page).getByRole('region', { name: 'Dial a number' })
      await pad.getByLabel('Search the CRM').fill('Mar')
      const hits = pad.getByRole('list', { name: 'Search results' })
      await hits.getByRole('button', { name: 'Margaret Smith (Marcom)' }).waitFor()
      await hits.getByRole('button', { name: 'Marcom', exact: true }).click()
      const numbers = pad.getByRole('group', { name: 'Numbers of Marcom' })
      const call = numbers.getByRole('button', { name: new RegExp(`^Call Marcom \\w+ \\${MARCOM}$`) })
      await call.click()
      const leg = await until('the carrier to dial Marcom', async () =>
        (await legsTo(MARCOM)).find((l) => l.to === MARCOM && !l.from.startsWith('client:') && l.status !== 'completed'),
      )
      assert.equal(leg.from, world.callerID)
      const panel = dock(page).getByRole('region', { name: `On a call with ${MARCOM}` })
      await panel.waitFor({ timeout: 20_000 })
      await panel.getByRole('link', { name: 'Marcom' }).waitFor()
      await panel.getByRole('button', { name: 'End call' }).click()
      await panel.waitFor({ state: 'detached', timeout: 15_000 })
    }))
})
