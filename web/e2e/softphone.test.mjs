// Browser tests for the agent softphone (issue 7; R-AG-1..5, R-IN-9):
// two agents in two browser contexts against `switchboard serve --demo`
// with its in-process sandbox carrier on the real clock. The London
// number is set to ring Alice, then Bob, and callers are placed through
// the sandbox's control API (docs/sandbox.md). The grace period of the
// heartbeat is 3 s, so a lapsed agent is skipped within seconds.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { afterEach, describe, it } from 'node:test'
import { ADMIN, AGENT, SHOTS, signIn, useApp, withPage } from './harness.mjs'
import { apiAs, axeClean, demoTelephony, dock, sandboxOf, until } from './telephony-kit.mjs'

const BOB = 'bob@demo.switchboard.test'
// Demo contacts (internal/demo/data.go): Margaret Smith of Marcom, whose
// deal "Phone system rollout" is at the proposal stage; Priya Patel of Initech.
const MARGARET = '+14155550101'
const PRIYA = '+15125550131'
const SCRIPT = 'Greet the caller by name. Ask which order they are calling about.'

const app = useApp(
  async (server) => {
    await demoTelephony(server)
    await setUp(server)
  },
  { env: { SWITCHBOARD_PRESENCE_GRACE: '3s' } },
)
const sandbox = sandboxOf(app)

/** world is what setUp learnt: the admin's API, the London number and the agents. */
const world = {}

/** setUp points the London number at Alice then Bob, in turn, 10 s each,
 * and gives it a call script (as an admin would, through the API). */
async function setUp(server) {
  const admin = await apiAs(server.url, ADMIN)
  const users = (await admin('GET', '/api/v1/users')).items
  world.alice = users.find((u) => u.email === AGENT)
  world.bob = users.find((u) => u.email === BOB)
  world.users = Object.fromEntries(users.map((u) => [u.id, u.name]))
  const number = (await admin('GET', '/api/v1/numbers')).items.find((n) => n.e164.startsWith('+44'))
  world.number = number
  const { draft } = await admin('GET', `/api/v1/numbers/${number.id}/routing`)
  draft.mode = 'direct'
  draft.group = { ...draft.group, users: [world.alice.id, world.bob.id], ring: 'sequential', interval_seconds: 10 }
  await admin('PUT', `/api/v1/numbers/${number.id}/routing`, draft)
  await admin('POST', `/api/v1/numbers/${number.id}/routing/publish`)
  await admin('PATCH', `/api/v1/numbers/${number.id}`, { script: SCRIPT })
  world.admin = admin
}

const placed = []

/** placeCall rings the London number from a handset; the caller stays on the line. */
async function placeCall(from) {
  const { call_sid: sid } = await sandbox('POST', '/calls', { from, to: world.number.e164 })
  placed.push(sid)
  return sid
}

// A test that failed half-way leaves no caller on the line (nor an agent busy) for the next.
afterEach(async () => {
  for (const sid of placed.splice(0)) await sandbox('POST', `/calls/${sid}/actions`, { action: 'hangup' }).catch(() => undefined)
})

/** transcript is the sandbox's record of a call leg: [{kind, call_sid, digits, text…}]. */
async function transcript(sid) {
  return sandbox('GET', `/calls/${sid}/transcript`)
}

/** callerInConference waits until the caller, past the welcome message, waits in the call's conference. */
async function callerInConference(sid) {
  await until('the caller to join the conference', async () =>
    (await transcript(sid)).steps.some((s) => s.call_sid === sid && s.kind === 'conference-join'),
  )
}

const ringing = (page) => dock(page).getByRole('region', { name: 'Incoming call' })
const inCall = (page) => dock(page).getByRole('region', { name: /^On a call with / })

/** goOnline signs in and sets the agent online from the top bar, then waits
 * until the server has their device (the sandbox party) registered. */
async function goOnline(page, email) {
  const device = page.waitForResponse((r) => r.url().endsWith('/api/v1/softphone') && r.ok())
  await signIn(page, email, '/contacts')
  await device
  await page.getByRole('switch', { name: 'Online' }).check()
  await page.waitForFunction(() => {
    const s = document.getElementById('my-status')
    return s && !s.disabled && s.checked
  })
  await page.locator('.presence-dot.presence-online').waitFor() // its heartbeat made it reachable
}

/** seconds reads an m:ss timer. */
function seconds(t) {
  const m = /^(\d+):(\d\d)$/.exec(t.trim())
  assert.ok(m, `a timer m:ss, not ${JSON.stringify(t)}`)
  return Number(m[1]) * 60 + Number(m[2])
}

describe('softphone', { timeout: 240_000 }, () => {
  it('rings Alice with the contact card; she rejects; Bob answers, holds, takes notes, reloads, resumes, sends digits, ends; Alice sees the missed call', () =>
    app.run('softphone ring reject answer', async (pageA) => {
      await withPage(
        app.chrome.browser,
        app.server.url,
        'softphone ring reject answer (Bob)',
        async (pageB) => {
          // Alice comes online first, so she is first in the sequence (R-IN-7).
          await goOnline(pageA, AGENT)
          await goOnline(pageB, BOB)

          const sid = await placeCall(MARGARET)
          const ringA = ringing(pageA)
          await ringA.waitFor({ timeout: 15_000 })
          // The caller's number and the contact card (R-AG-3, R-IN-9).
          await ringA.getByText(MARGARET, { exact: true }).waitFor()
          const card = ringA.getByRole('list', { name: `Who is calling: ${MARGARET}` })
          const link = card.getByRole('link', { name: 'Margaret Smith' })
          const recordId = Number((await link.getAttribute('href')).replace('/records/', ''))
          assert.ok(recordId > 0, 'the card links to the record')
          const margaret = await world.admin('GET', `/api/v1/contacts/${recordId}`)
          const cardText = await card.innerText()
          assert.match(cardText, /Company\s+Marcom/)
          assert.match(cardText, /Open deal\s+Phone system rollout \(proposal\)/)
          assert.match(cardText, new RegExp(`Owner\\s+${world.users[margaret.owner_id]}`))
          assert.equal(await ringing(pageB).count(), 0, 'Bob does not ring while Alice does')
          // Neither agent has a forwarding number: no Forward button.
          assert.equal(await ringA.getByRole('button', { name: /^Forward/ }).count(), 0)
          await axeClean(pageA, 'the ringing panel')

          // Alice rejects: the call passes on to Bob.
          await ringA.getByRole('button', { name: 'Reject' }).click()
          await ringA.waitFor({ state: 'detached' })
          const ringB = ringing(pageB)
          await ringB.waitFor({ timeout: 15_000 })
          await ringB.getByRole('link', { name: 'Margaret Smith' }).waitFor()
          await pageB.screenshot({ path: join(SHOTS, 'softphone-ringing-390.png') })
          await callerInConference(sid)
          await ringB.getByRole('button', { name: 'Answer' }).click()

          const panel = inCall(pageB)
          await panel.waitFor()
          await ringB.waitFor({ state: 'detached' })
          assert.equal(await panel.getByRole('heading').innerText(), `On a call with ${MARGARET}`)
          await pageB.locator('.presence-dot.presence-busy').waitFor()
          await panel.getByText(SCRIPT).waitFor()
          const call = (await world.admin('GET', '/api/v1/calls')).items.find((c) => c.from === MARGARET && c.status === 'in-progress')
          assert.ok(call, 'the call is in progress')
          assert.equal(call.answered_by, world.bob.id)

          // Hold: the caller hears hold music (a conference participant hold).
          await panel.getByRole('button', { name: 'Hold' }).click()
          await panel.getByText('On hold').waitFor()
          await until('hold music in the caller\'s transcript', async () => {
            const steps = (await transcript(sid)).steps.filter((s) => s.call_sid === sid)
            const held = steps.findIndex((s) => s.kind === 'hold')
            return held >= 0 && steps.slice(held + 1).some((s) => s.kind === 'music' || s.kind === 'play')
          })

          // Notes are saved as typed.
          await panel.getByLabel('Notes').pressSequentially('Wants a quote for 20 seats.', { delay: 20 })
          await panel.getByText('Notes saved').waitFor()

          // A reload keeps the call panel, its hold state, its timer and the
          // notes (read back from the call log by the stream's sync).
          const before = seconds(await panel.getByRole('timer', { name: 'Call time' }).innerText())
          await pageB.reload()
          await panel.waitFor()
          await panel.getByText('On hold').waitFor()
          const after = seconds(await panel.getByRole('timer', { name: 'Call time' }).innerText())
          assert.ok(after >= before, `the timer goes on after a reload (${before} s, then ${after} s)`)
          assert.equal(await panel.getByLabel('Notes').inputValue(), 'Wants a quote for 20 seats.')
          await panel.getByRole('button', { name: 'Resume' }).click()
          await panel.getByRole('button', { name: 'Hold' }).waitFor()
          assert.equal(await panel.getByText('On hold').count(), 0)
          await until('the caller taken off hold', async () => (await transcript(sid)).steps.some((s) => s.call_sid === sid && s.kind === 'unhold'))

          // The keypad sends DTMF digits into the call (the sandbox hears them).
          await panel.getByRole('button', { name: 'Keypad' }).click()
          const keypad = panel.getByRole('group', { name: 'Keypad' })
          for (const k of ['4', '2', '#']) await keypad.getByRole('button', { name: k, exact: true }).click()
          await panel.getByText('Sent: 42#').waitFor()
          const identity = (await (await pageB.request.get('/api/v1/softphone')).json()).identity
          const legs = (await sandbox('GET', `/calls?party=${encodeURIComponent(`client:${identity}`)}`)).calls
          await until('the digits in the sandbox', async () => {
            const heard = []
            for (const l of [sid, ...legs.map((x) => x.sid)]) {
              for (const s of (await transcript(l)).steps) if (s.kind === 'digits' && s.digits) heard.push(s.digits)
            }
            return heard.join('').includes('42#') || heard.join('') === '42#' || ['4', '2', '#'].every((k) => heard.includes(k))
          })

          // 390 px wide: nothing scrolls sideways, and axe is happy with the call panel.
          const wide = await pageB.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
          assert.ok(wide <= 0, `the page scrolls sideways by ${wide}px at 390 px`)
          await axeClean(pageB, 'the in-call panel')
          await pageB.screenshot({ path: join(SHOTS, 'softphone-in-call-390.png') })

          // End the call.
          await panel.getByRole('button', { name: 'End call' }).click()
          await panel.waitFor({ state: 'detached' })
          await until('the call to end', async () => (await world.admin('GET', `/api/v1/calls/${call.id}`)).status === 'completed')

          // Alice sees the missed call and its badge; viewing it resets the badge.
          const missedLink = pageA.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Missed calls/ })
          await pageA.getByRole('link', { name: 'Missed calls 1 unseen' }).waitFor()
          await missedLink.click()
          await pageA.getByRole('heading', { level: 1, name: 'Missed calls' }).waitFor()
          const row = pageA.getByRole('row').filter({ hasText: MARGARET })
          await row.waitFor()
          const cells = await row.getByRole('cell').allInnerTexts()
          assert.match(cells.join(' | '), /Margaret Smith \(Marcom\)/)
          assert.match(cells.join(' | '), /Rejected/)
          assert.ok(cells.some((c) => c.includes(world.number.e164)), `the number called in ${cells}`)
          // Calling back is an outbound call on the caller's record (issue 8, web/e2e/outbound.test.mjs).
          await row.getByRole('button', { name: `Call back Margaret Smith ${MARGARET}` }).waitFor()
          await pageA.getByRole('link', { name: 'Missed calls', exact: true }).waitFor()
          await axeClean(pageA, 'the missed calls page')
        },
        { width: 390, height: 844 },
      )
    }))

  it('skips an agent whose heartbeat stopped and shows them unreachable until it resumes; rings every tab of the other, with a notification when hidden', () =>
    app.run('softphone heartbeat lapse', async (pageA) => {
      await withPage(app.chrome.browser, app.server.url, 'softphone heartbeat lapse (Bob)', async (pageB, ctxB) => {
        // Bob's tab is hidden and allows notifications: a ringing call shows one.
        await ctxB.grantPermissions(['notifications'])
        await ctxB.addInitScript(() => {
          window.__notes = []
          const N = window.Notification
          window.Notification = class extends N {
            constructor(title, opts) {
              super(title, opts)
              window.__notes.push(`${title} | ${opts?.body}`)
            }
          }
          Object.defineProperty(document, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible') })
        })
        await goOnline(pageA, AGENT)
        await goOnline(pageB, BOB)

        // Alice's heartbeat stops (a frozen tab): after the 3 s grace she is unreachable.
        await pageA.route('**/api/v1/presence/heartbeat', (r) => r.abort())
        await pageA.locator('.presence-shown').filter({ hasText: 'Unreachable' }).waitFor({ timeout: 15_000 })

        // Bob has a second tab open: both ring, one presence.
        const pageB2 = await ctxB.newPage()
        await pageB2.goto('/tasks')
        await pageB2.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor()
        await pageB2.locator('.presence-dot.presence-online').waitFor()

        await pageB.evaluate(() => (window.__hidden = true))
        const sid = await placeCall(PRIYA)
        const ringB = ringing(pageB)
        await ringB.waitFor({ timeout: 8_000 })
        await ringing(pageB2).waitFor()
        await ringB.getByRole('link', { name: 'Priya Patel' }).waitFor()
        assert.equal(await ringing(pageA).count(), 0, 'Alice does not ring')
        await until('the desktop notification', () =>
          pageB.evaluate(() => window.__notes.find((n) => n.startsWith(`Incoming call from +15125550131 | Priya Patel (Initech)`))),
        )
        const call = (await world.admin('GET', '/api/v1/calls')).items.find((c) => c.from === PRIYA)
        const legs = (await world.admin('GET', `/api/v1/calls/${call.id}`)).legs || []
        assert.deepEqual([...new Set(legs.map((l) => l.user_id))], [world.bob.id], 'only Bob was rung')

        // Answering in one tab takes the ringing panel away in the other, which shows the call.
        await callerInConference(sid)
        await ringB.getByRole('button', { name: 'Answer' }).click()
        await inCall(pageB).waitFor()
        await ringing(pageB2).waitFor({ state: 'detached' })
        await inCall(pageB2).waitFor()
        await inCall(pageB).getByRole('button', { name: 'End call' }).click()
        await inCall(pageB).waitFor({ state: 'detached' })
        await until('the call to end', async () => (await transcript(sid)).status === 'completed')

        // Her heartbeat resumes: she is online again.
        await pageA.unroute('**/api/v1/presence/heartbeat')
        await pageA.locator('.presence-dot.presence-online').waitFor({ timeout: 10_000 })
        assert.equal(await pageA.locator('.presence-shown').innerText(), '')
      })
    }))

  it('forwards a ringing call to the agent\'s forwarding number (R-IN-14)', () =>
    app.run('softphone forward', async (page) => {
      const FORWARD = '+14155550199' // not a registered sandbox party: it answers after 5 s
      await world.admin('PATCH', `/api/v1/users/${world.alice.id}`, { forwarding_number: FORWARD })
      try {
        await goOnline(page, AGENT) // Bob has no open app: his heartbeat lapsed, so only Alice rings
        const sid = await placeCall(PRIYA)
        const ring = ringing(page)
        await ring.waitFor({ timeout: 15_000 })
        await ring.getByRole('button', { name: `Forward to ${FORWARD}` }).click()
        await ring.waitFor({ state: 'detached' })
        const leg = await until('a leg to the forwarding number', async () => {
          const legs = (await sandbox('GET', `/calls?party=${encodeURIComponent(FORWARD)}`)).calls
          return legs.find((l) => l.status === 'in-progress')
        }, 15_000)
        await until('the forwarded phone in the call\'s conference', async () =>
          (await transcript(leg.sid)).steps.some((s) => s.kind === 'conference-join'),
        )
        const live = (await sandbox('GET', '/calls?live=true')).calls.find((c) => c.sid === sid)
        assert.equal(live?.status, 'in-progress', 'the caller is still on the line, with the forwarded phone')
      } finally {
        await world.admin('PATCH', `/api/v1/users/${world.alice.id}`, { forwarding_number: '' })
      }
    }))
})
