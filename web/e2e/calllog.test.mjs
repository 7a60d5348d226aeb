// Browser tests for the call log and recordings (issue 8; R-POST-2,
// R-POST-3, R-IN-17) against `switchboard serve --demo` with its in-process
// sandbox carrier on the real clock. The London number records its calls
// and rings Alice; a customer calls it through the sandbox's control API
// (docs/sandbox.md), Alice answers in the browser and hangs up. The price
// job asks the carrier one second after the call (SWITCHBOARD_PRICE_WAIT).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, it } from 'node:test'
import { ADMIN, AGENT, SHOTS, signIn, useApp, withPage } from './harness.mjs'
import { apiAs, axeClean, demoTelephony, dock, sandboxOf, until } from './telephony-kit.mjs'

// Demo contact Margaret Smith of Marcom (internal/demo/data.go).
const MARGARET = '+14155550101'

const world = {}

const app = useApp(
  async (server) => {
    await demoTelephony(server)
    await setUp(server)
  },
  { env: { SWITCHBOARD_PRESENCE_GRACE: '3s', SWITCHBOARD_PRICE_WAIT: '1s' } },
)
const sandbox = sandboxOf(app)

/** setUp makes the London number ring Alice alone and record its calls
 * (R-IN-17), as an admin would through the API. */
async function setUp(server) {
  const admin = await apiAs(server.url, ADMIN)
  const users = (await admin('GET', '/api/v1/users')).items
  world.alice = users.find((u) => u.email === AGENT)
  const number = (await admin('GET', '/api/v1/numbers')).items.find((n) => n.e164.startsWith('+44'))
  const { draft } = await admin('GET', `/api/v1/numbers/${number.id}/routing`)
  draft.mode = 'direct'
  draft.group = { ...draft.group, users: [world.alice.id], ring: 'sequential', interval_seconds: 20 }
  draft.recording = { enabled: true, announcement: false }
  await admin('PUT', `/api/v1/numbers/${number.id}/routing`, draft)
  await admin('POST', `/api/v1/numbers/${number.id}/routing/publish`)
  world.number = number
  world.admin = admin
}

const placed = []

// A test that failed half-way leaves no caller on the line for the next.
afterEach(async () => {
  for (const sid of placed.splice(0)) await sandbox('POST', `/calls/${sid}/actions`, { action: 'hangup' }).catch(() => undefined)
})

/** goOnline signs in and sets Alice online, then waits until she is reachable. */
async function goOnline(page, email) {
  const device = page.waitForResponse((r) => r.url().endsWith('/api/v1/softphone') && r.ok())
  await signIn(page, email, '/contacts')
  await device
  await page.getByRole('switch', { name: 'Online' }).check()
  await page.locator('.presence-dot.presence-online').waitFor()
}

/** recordingMediaURL finds the recording's media URL at the sandbox
 * carrier in the callbacks it sent for the call or its legs. */
async function recordingMediaURL(sids) {
  for (const sid of sids) {
    const tr = await sandbox('GET', `/calls/${sid}/transcript`)
    for (const s of tr.steps) {
      const url = s.webhook?.params?.RecordingUrl
      if (url) return url
    }
  }
  return undefined
}

/** recordedCall: Margaret calls the London number, Alice answers in the
 * browser, they talk for three seconds, Alice hangs up. Returns the call
 * once the log has its recording and its price. */
async function recordedCall(page) {
  await goOnline(page, AGENT)
  const { call_sid: sid } = await sandbox('POST', '/calls', { from: MARGARET, to: world.number.e164 })
  placed.push(sid)
  const ringing = dock(page).getByRole('region', { name: 'Incoming call' })
  await ringing.waitFor({ timeout: 20_000 })
  await until('the caller to wait in the conference', async () =>
    (await sandbox('GET', `/calls/${sid}/transcript`)).steps.some((s) => s.call_sid === sid && s.kind === 'conference-join'),
  )
  await ringing.getByRole('button', { name: 'Answer' }).click()
  const panel = dock(page).getByRole('region', { name: /^On a call with / })
  await panel.waitFor()
  await page.waitForTimeout(3_000)
  await panel.getByRole('button', { name: 'End call' }).click()
  await panel.waitFor({ state: 'detached', timeout: 15_000 })
  // The after-call summary opens in the dock (R-POST-1): Alice skips it, so the call needs an outcome.
  const summary = dock(page).getByRole('region', { name: /^After the call with / })
  await summary.getByRole('button', { name: 'Skip' }).click()
  await summary.waitFor({ state: 'detached' })
  const identity = (await (await page.request.get('/api/v1/softphone')).json()).identity
  const legs = (await sandbox('GET', `/calls?party=${encodeURIComponent(`client:${identity}`)}`)).calls.map((l) => l.sid)
  const call = await until(
    'the call logged with its recording and price',
    async () => {
      const c = (await world.admin('GET', `/api/v1/calls?number=${encodeURIComponent(MARGARET)}&direction=inbound`)).items[0]
      return c && c.ended_at && c.recording_url && c.price ? c : undefined
    },
    30_000,

  )
  const media = await until('the recording at the carrier', () => recordingMediaURL([sid, ...legs]))
  return { call, sid, media }
}

/** rowOf is a call in the log: its row and its recording's row, in one
 * tbody (its start time is unique here). */
const rowOf = (page, call) => page.locator('.call-table tbody').filter({ has: page.locator(`time[datetime="${call.started_at}"]`) })

/** cells reads a call's cells by column header. */
async function cells(page, row) {
  const heads = await page.locator('.call-table thead th').allInnerTexts()
  const vals = await row.getByRole('row').first().locator('th, td').allInnerTexts()
  return Object.fromEntries(heads.map((h, i) => [h.trim().toLowerCase(), vals[i].trim()]))
}

describe('call log and recordings', { timeout: 240_000 }, () => {
  it('a recorded call shows in the log with its cost; filters stay in the URL; the recording plays through the server; Alice deletes it at the carrier; the CSV has the call', () =>
    app.run('call log recorded call', async (page) => {
      const requests = []
      page.on('request', (r) => requests.push(r.url()))
      const { call, media } = await recordedCall(page)
      assert.equal((await fetch(`${media}.mp3`)).status, 200, 'the sandbox has the recording before it is deleted')

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls', exact: true }).click()
      await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor()
      const row = rowOf(page, call)
      await row.waitFor()
      const c = await cells(page, row)
      assert.equal(c.direction, 'Inbound')
      assert.equal(c.agents, `${world.alice.name} (answered)`)
      assert.equal(c.customer, 'Margaret Smith')
      assert.equal(c['from → to'].replace(/[\s→]+/g, ' '), `${MARGARET} to ${world.number.e164}`)
      assert.match(c.duration, /^0:0[2-9]$|^0:1\d$/, 'about three seconds')
      assert.equal(c.duration, `0:${String(call.duration_seconds).padStart(2, '0')}`)
      assert.equal(c.status, 'Completed')
      assert.equal(c.outcome, 'Answered')
      assert.equal(c.summary, 'Needs outcome', 'answered, ended, not summarised yet (R-POST-1)')
      assert.match(c.cost, /^\$\d+\.\d{2,4}$/, `a cost from the carrier's price ${call.price}`)
      assert.equal(Number(c.cost.slice(1)), -Number(call.price))
      await row.getByRole('link', { name: 'Margaret Smith' }).waitFor()
      await axeClean(page, 'the call log')
      await page.screenshot({ path: join(SHOTS, 'call-log.png'), fullPage: true })

      // Filters: direction and number, kept in the URL through a reload.
      await page.getByLabel('Direction').selectOption('outbound')
      await page.getByText('No calls match these filters.').waitFor()
      assert.match(page.url(), /[?&]direction=outbound/)
      await page.getByLabel('Direction').selectOption('inbound')
      await row.waitFor()
      await page.getByLabel('Number').fill('+1 415 555 010')
      await page.getByLabel('Number').press('Enter')
      await page.getByText('No calls match these filters.').waitFor()
      await page.getByLabel('Number').fill('+1 415 555 0101')
      await page.getByLabel('Number').press('Enter')
      await row.waitFor()
      const url = new URL(page.url())
      assert.equal(url.pathname, '/calls')
      assert.equal(url.searchParams.get('direction'), 'inbound')
      assert.equal(url.searchParams.get('number'), MARGARET)
      await page.reload()
      await row.waitFor()
      assert.equal(await page.getByLabel('Direction').inputValue(), 'inbound')
      assert.equal(await page.getByLabel('Number').inputValue(), MARGARET)
      assert.equal(await page.locator('.call-table tbody').count(), 1, 'the one call')

      // The calls still needing an outcome include it; one summarised with an outcome does not.
      await page.getByLabel('Needs an outcome').check()
      await until('the URL to keep needs_outcome', async () => new URL(page.url()).searchParams.get('needs_outcome') === 'true')
      await row.waitFor()
      await page.getByLabel('Needs an outcome').uncheck()
      const outcomes = (await world.admin('GET', '/api/v1/org/outcomes')).outcomes
      await page.getByLabel('Summary outcome').selectOption(outcomes[0])
      await page.getByText('No calls match these filters.').waitFor()
      assert.equal(new URL(page.url()).searchParams.get('summary_outcome'), outcomes[0])
      await page.getByLabel('Summary outcome').selectOption('')
      await row.waitFor()

      // A number the server refuses: its rule shows beside the field.
      await page.getByLabel('Number').fill('12')
      await page.getByLabel('Number').press('Enter')
      const numberError = page.locator('#calls-number-err')
      await numberError.waitFor()
      assert.match(await numberError.innerText(), /E\.164/)
      assert.equal(await page.getByLabel('Number').getAttribute('aria-invalid'), 'true')
      await page.getByRole('button', { name: 'Export CSV' }).waitFor() // disabled while the filters are wrong
      await axeClean(page, 'the call log with a filter error')
      await page.goBack()
      await row.waitFor()
      assert.equal(await page.getByLabel('Number').inputValue(), MARGARET, 'Back restores the filters')

      // The customer's record has the call on its timeline, with the player (R-IN-17).
      await row.getByRole('link', { name: 'Margaret Smith' }).click()
      await page.getByRole('heading', { name: /^Margaret Smith/, level: 1 }).waitFor()
      const onTimeline = page.getByRole('list', { name: 'Activity, newest first' }).locator(`audio[src="/api/v1/calls/${call.id}/recording"]`)
      await onTimeline.waitFor()
      assert.equal(await onTimeline.getAttribute('preload'), 'none')
      await page.goBack()
      await row.waitFor()
      assert.equal(await page.getByLabel('Direction').inputValue(), 'inbound', 'Back from the record keeps the filters')

      // The recording plays through the server, never from the carrier.
      const audio = row.locator('audio')
      assert.equal(await audio.getAttribute('src'), `/api/v1/calls/${call.id}/recording`)
      assert.equal(await audio.getAttribute('preload'), 'none')
      const played = await audio.evaluate(
        (a) =>
          new Promise((resolve, reject) => {
            a.addEventListener('loadedmetadata', () => resolve(a.duration), { once: true })
            a.addEventListener('error', () => reject(new Error(`media error ${a.error?.code}`)), { once: true })
            a.preload = 'auto'
            a.load()
          }),
      )
      assert.ok(played > 0, `the audio has a length (${played} s)`)
      const fetched = await page.evaluate(async (src) => {
        const r = await fetch(src, { headers: { Range: 'bytes=0-' } })
        return { status: r.status, type: r.headers.get('content-type'), bytes: (await r.arrayBuffer()).byteLength }
      }, `/api/v1/calls/${call.id}/recording`)
      assert.ok([200, 206].includes(fetched.status), `status ${fetched.status}`)
      assert.match(fetched.type, /^audio\//)
      assert.ok(fetched.bytes > 0)
      const base = new URL(app.server.url).origin
      const foreign = requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'))
      assert.deepEqual(foreign, [], 'no request leaves the server')

      // Alice answered the call, so she may delete its recording: confirm, then the tombstone.
      await row.getByRole('button', { name: /^Delete recording/ }).click()
      const dialog = page.getByRole('dialog', { name: 'Delete this recording?' })
      await dialog.waitFor()
      await axeClean(page, 'the delete-recording dialog')
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await dialog.waitFor({ state: 'detached' })
      assert.equal(await row.locator('audio').count(), 1, 'Cancel deletes nothing')
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), `Delete recording of ${await row.locator('audio').getAttribute('aria-label').then((l) => l.replace('Recording of ', ''))}`,
        'focus is back on the Delete button')

      // An admin has the log open too; once Alice has deleted it, the admin's delete is refused (410) and shows the tombstone.
      await withPage(app.chrome.browser, app.server.url, 'call log recorded call (admin)', async (adminPage) => {
        await signIn(adminPage, ADMIN, `/calls?number=${encodeURIComponent(MARGARET)}`)
        const adminRow = rowOf(adminPage, call)
        await adminRow.getByRole('button', { name: /^Delete recording/ }).waitFor()

        await row.getByRole('button', { name: /^Delete recording/ }).click()
        await dialog.getByRole('button', { name: 'Delete recording' }).click()
        const stone = row.locator('.tombstone')
        await stone.waitFor()
        assert.match(await stone.innerText(), new RegExp(`^Recording deleted by ${world.alice.name} on .+\\d{2}:\\d{2}`))
        assert.equal(await row.locator('audio').count(), 0)
        assert.equal(await page.evaluate(() => document.activeElement?.className), 'tombstone', 'focus moves to the tombstone')

        await adminRow.getByRole('button', { name: /^Delete recording/ }).click()
        await adminPage.getByRole('dialog', { name: 'Delete this recording?' }).getByRole('button', { name: 'Delete recording' }).click()
        await adminRow.locator('.tombstone').waitFor()
        assert.match(await adminRow.getByRole('alert').innerText(), new RegExp(`recording was deleted by ${world.alice.name}`), 'the server\'s 410 message')
      })
      const stone = row.locator('.tombstone')
      await page.screenshot({ path: join(SHOTS, 'call-log-recording-deleted.png'), fullPage: true })
      // The sandbox serves media without credentials (docs/sandbox.md; Twilio asks for Basic auth only
      // when the account's media-auth setting is on, reference/twilio-wire-facts.md), so a 404 is the deletion.
      assert.equal((await fetch(`${media}.mp3`)).status, 404, 'the carrier no longer has the recording')
      const after = await world.admin('GET', `/api/v1/calls/${call.id}`)
      assert.equal(after.recording_deleted.by_id, world.alice.id)
      await page.reload()
      await stone.waitFor()
      assert.ok((await stone.innerText()).startsWith(`Recording deleted by ${world.alice.name} on `), 'the tombstone stays')

      // Export CSV downloads the calls these filters select.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Export CSV/ }).click()])
      assert.equal(download.suggestedFilename(), 'calls.csv')
      const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/)
      assert.equal(csv.length, 2, 'the header and the one call the filters select')
      const head = csv[0].split(',')
      const got = Object.fromEntries(csv[1].split(',').map((v, i) => [head[i], v]))
      assert.deepEqual(got, {
        ...got,
        id: String(call.id), started_at: call.started_at, direction: 'inbound', from: MARGARET, to: world.number.e164, agents: world.alice.name,
        record: 'Margaret Smith', status: 'completed', outcome: 'answered', duration_seconds: String(call.duration_seconds), price: call.price,
        price_unit: call.price_unit, recording: 'deleted',
      })

      // 390 px wide: the page does not scroll sideways (the table scrolls in its frame); axe is happy.
      await page.setViewportSize({ width: 390, height: 844 })
      await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor()
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(wide <= 0, `the page scrolls sideways by ${wide}px at 390 px`)
      await axeClean(page, 'the call log at 390 px')
      await page.screenshot({ path: join(SHOTS, 'call-log-390.png'), fullPage: true })
    }))
})
