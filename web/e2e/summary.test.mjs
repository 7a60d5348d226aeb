// Browser tests for the after-call summary (issue 8 done-when, R-POST-1):
// Alice, mapped to one of the demo's numbers as caller ID, calls Simon
// Martin's work number against `switchboard serve --demo` with its
// in-process sandbox carrier on the real clock; Simon's handset is a
// sandbox party that answers by itself. The price job asks the carrier for
// the call's cost one second after it ends (SWITCHBOARD_PRICE_WAIT).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { afterEach, describe, it } from 'node:test'
import { ADMIN, AGENT, SHOTS, signIn, useApp } from './harness.mjs'
import { agentWithCallerID, apiAs, axeClean, demoTelephony, dock, sandboxOf, until } from './telephony-kit.mjs'

// Demo contact Simon Martin (internal/demo/data.go): work +1 206 555 0112.
const SIMON_WORK = '+12065550112'
const PHONE = { width: 390, height: 844 }

const world = {}

const app = useApp(
  async (server) => {
    await demoTelephony(server)
    const admin = await apiAs(server.url, ADMIN)
    const alice = await agentWithCallerID(admin, AGENT)
    world.alice = alice.user
    world.callerID = alice.callerID
    world.admin = admin
    world.asAlice = await apiAs(server.url, AGENT)
    world.simon = (await admin('GET', '/api/v1/contacts?prefix=Simon')).items.find((c) => c.name === 'Simon Martin')
    assert.ok(world.simon, 'the demo has Simon Martin')
    world.org = await admin('GET', '/api/v1/org')
  },
  { env: { SWITCHBOARD_PRICE_WAIT: '1s' } },
)
const sandbox = sandboxOf(app)

async function legsTo(address) {
  return (await sandbox('GET', `/calls?party=${encodeURIComponent(address)}`)).calls || []
}

// A test that failed half-way leaves no customer on the line (nor Alice busy) for the next.
afterEach(async () => {
  for (const l of await legsTo(SIMON_WORK).catch(() => [])) {
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

/** tomorrow is the day after today in the org's time zone (YYYY-MM-DD). */
function tomorrow() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: world.org.time_zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/**
 * callSimon has Alice (signed in on page) click Call on Simon Martin's
 * work number: the carrier dials it from her caller ID, his handset
 * answers, the in-call panel shows; hold (the carrier holds Simon) and
 * resume when asked; End. It returns the call (as the log has it) and the
 * customer's leg.
 */
async function callSimon(page, { hold = false } = {}) {
  await sandbox('PUT', `/parties/${encodeURIComponent(SIMON_WORK)}`, { behaviour: 'answer@1s' })
  await ready(page, AGENT, `/records/${world.simon.id}`)
  await page.getByRole('heading', { name: 'Simon Martin' }).first().waitFor()
  const before = await legsTo(SIMON_WORK)
  await page.getByRole('button', { name: `Call work ${SIMON_WORK}`, exact: true }).click()
  const leg = await until("the carrier to dial Simon's work number", async () =>
    (await legsTo(SIMON_WORK)).find((l) => !before.some((b) => b.sid === l.sid) && l.to === SIMON_WORK && !l.from.startsWith('client:')),
  )
  assert.equal(leg.from, world.callerID, "the caller ID is Alice's mapped number")
  const panel = dock(page).getByRole('region', { name: `On a call with ${SIMON_WORK}` })
  await panel.waitFor({ timeout: 20_000 })
  if (hold) {
    await panel.getByRole('button', { name: 'Hold', exact: true }).click()
    await panel.getByText('On hold').waitFor()
    await panel.getByRole('button', { name: 'Resume', exact: true }).click()
    await panel.getByRole('button', { name: 'Hold', exact: true }).waitFor()
    const steps = await until('the carrier to hold and resume Simon', async () => {
      const t = await sandbox('GET', `/calls/${leg.sid}/transcript`)
      const kinds = t.steps.map((s) => s.kind)
      if (kinds.includes('hold') && kinds.indexOf('unhold') > kinds.indexOf('hold')) return kinds
      const text = await fetch(`${app.server.url}/sandbox/control/calls/${leg.sid}/transcript?format=text`).then((r) => r.text())
      throw new Error(`the customer's leg has:\n${text.split('\n').slice(0, 16).join('\n')}`)
    })
    assert.ok(steps.includes('unhold'))
  }
  const call = (await world.admin('GET', '/api/v1/calls?direction=outbound')).items.find((c) => c.to === SIMON_WORK)
  assert.ok(call, 'the call log has the outbound call')
  await panel.getByRole('button', { name: 'End call' }).click()
  await panel.waitFor({ state: 'detached', timeout: 15_000 })
  await until('the call to end', async () => (await world.admin('GET', `/api/v1/calls/${call.id}`)).ended_at)
  return { call, leg }
}

/** summaryPanel is the dock's summary of the call with Simon Martin. */
const summaryPanel = (page) => dock(page).getByRole('region', { name: 'After the call with Simon Martin' })

describe('after the call', { timeout: 240_000 }, () => {
  it('click to call Simon Martin, hold, resume, end: the summary with "Connected", a note and a follow-up task lands on his timeline and the call log has it with a cost; saving twice makes one task', () =>
    app.run('summary done when', async (page) => {
      const { call } = await callSimon(page, { hold: true })
      const panel = summaryPanel(page)
      await panel.waitFor({ timeout: 15_000 })
      await panel.getByLabel('Outcome').selectOption('Connected')
      const note = `Wants a quote for 20 seats (${Date.now()})`
      await panel.getByLabel('Notes').fill(note)
      await panel.getByRole('radio', { name: 'Task' }).check()
      assert.equal(await panel.getByLabel('Due date').inputValue(), tomorrow(), 'the follow-up is due tomorrow by default')
      assert.equal(await panel.getByLabel('Assign to').inputValue(), String(world.alice.id), 'for Alice by default')
      await panel.getByLabel('Task title').fill('Send Simon the quote')
      await page.screenshot({ path: join(SHOTS, 'summary-panel.png') })
      const puts = []
      page.on('request', (r) => r.method() === 'PUT' && r.url().endsWith(`/api/v1/calls/${call.id}/summary`) && puts.push(r))
      await panel.getByRole('button', { name: 'Save summary' }).dblclick()
      await panel.waitFor({ state: 'detached', timeout: 10_000 })
      assert.equal(puts.length, 1, 'a double click sends one save')

      // Saved again (a retry): still one task.
      const saved = await world.asAlice('GET', `/api/v1/calls/${call.id}/summary`)
      assert.equal(saved.summary_outcome, 'Connected')
      assert.equal(saved.needs_outcome, false)
      assert.equal(saved.follow_up?.kind, 'task')
      const again = {
        summary_outcome: 'Connected', notes: note, deal_id: null,
        follow_up: { kind: 'task', title: 'Send Simon the quote', due_date: tomorrow(), assignee_id: world.alice.id },
      }
      await world.asAlice('PUT', `/api/v1/calls/${call.id}/summary`, again)
      await world.asAlice('PUT', `/api/v1/calls/${call.id}/summary`, again)
      const tasks = (await world.asAlice('GET', `/api/v1/tasks?record_id=${world.simon.id}&limit=200`)).items.filter((t) => t.title === 'Send Simon the quote')
      assert.equal(tasks.length, 1, 'one follow-up task however often the summary is saved')
      assert.equal(tasks[0].due_date, tomorrow())

      // Simon Martin's timeline: the call with its outcome and note, and the task.
      await page.goto(`/records/${world.simon.id}`)
      const timeline = page.getByRole('list', { name: 'Activity, newest first' })
      const entry = timeline.getByRole('listitem').filter({ hasText: 'Outbound call' }).filter({ hasText: 'Connected' })
      await entry.first().waitFor()
      await entry.first().getByText(note).waitFor()
      await timeline.getByRole('listitem').filter({ hasText: 'Send Simon the quote' }).first().waitFor()
      await page.screenshot({ path: join(SHOTS, 'summary-timeline.png') })

      // The call log: the call with its outcome and, once the carrier priced it, a cost.
      const logged = await until('the call log to show the call\'s cost', async () => {
        const c = (await world.admin('GET', '/api/v1/calls?direction=outbound')).items.find((x) => x.id === call.id)
        return c && c.price ? c : null
      }, 30_000)
      assert.equal(logged.summary_outcome, 'Connected')
      assert.equal(logged.needs_outcome, false)
      await page.goto('/calls')
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Simon Martin' }) }).first()
      await row.waitFor()
      const cells = await row.getByRole('cell').allInnerTexts()
      assert.ok(cells.some((t) => /\$\d/.test(t)), `the Calls page shows the cost: ${cells.join(' | ')}`)
    }))

  it('an admin\'s new outcome is offered; a reload keeps what was typed; a summary without an outcome is refused beside the field; Skip leaves the call needing an outcome (390 px, axe clean)', async () => {
    const outcome = `Sent brochure ${Date.now() % 100000}`
    await app.run('summary settings outcomes', async (page) => {
      await signIn(page, ADMIN, '/settings/org')
      const editor = page.getByRole('form', { name: 'Call outcomes' })
      await editor.getByLabel('New outcome').fill(outcome)
      await editor.getByRole('button', { name: 'Add', exact: true }).click()
      await editor.getByRole('button', { name: `Move ${outcome} up` }).click()
      await editor.getByRole('button', { name: 'Save outcomes' }).click()
      await editor.getByRole('status').getByText('Saved').waitFor()
      const list = (await world.admin('GET', '/api/v1/org/outcomes')).outcomes
      assert.deepEqual(list.slice(-2), [outcome, 'Wrong number'], 'added, then moved up one place')
      // A duplicate (ignoring case) is refused beside its entry; nothing changes.
      await editor.getByLabel('New outcome').fill('connected')
      await editor.getByRole('button', { name: 'Add', exact: true }).click()
      await editor.getByRole('button', { name: 'Save outcomes' }).click()
      // The server's refusal arrives after the click: wait for it before reading the field.
      await editor.locator('.outcome-row .field-error').first().waitFor()
      const bad = editor.getByRole('textbox', { name: `Outcome ${list.length + 1}` })
      assert.equal(await bad.getAttribute('aria-invalid'), 'true')
      assert.deepEqual((await world.admin('GET', '/api/v1/org/outcomes')).outcomes, list)
      await axeClean(page, 'the call outcomes editor with an error')
    })
    await app.run('summary skip', async (page) => {
      const { call } = await callSimon(page)
      const panel = summaryPanel(page)
      await panel.waitFor({ timeout: 15_000 })
      const options = await panel.getByLabel('Outcome').locator('option').allInnerTexts()
      assert.ok(options.includes(outcome), `the admin's new outcome is offered: ${options.join(', ')}`)
      await panel.getByLabel('Notes').fill('Line was bad, call again')
      await page.reload()
      await summaryPanel(page).waitFor({ timeout: 15_000 })
      assert.equal(await summaryPanel(page).getByLabel('Notes').inputValue(), 'Line was bad, call again', 'the summary survives a reload')

      await summaryPanel(page).getByRole('button', { name: 'Save summary' }).click()
      const outcomeField = summaryPanel(page).getByLabel('Outcome')
      await until('the outcome to be marked', async () => (await outcomeField.getAttribute('aria-invalid')) === 'true')
      await summaryPanel(page).locator('.field-error').first().waitFor()
      assert.equal((await world.asAlice('GET', `/api/v1/calls/${call.id}/summary`)).needs_outcome, true, 'nothing was saved')
      await axeClean(page, 'the summary panel with an error at 390 px')
      await page.screenshot({ path: join(SHOTS, 'summary-phone.png') })

      await summaryPanel(page).getByRole('button', { name: 'Skip' }).click()
      await summaryPanel(page).waitFor({ state: 'detached' })
      const needs = (await world.asAlice('GET', `/api/v1/calls?needs_outcome=true&agent=${world.alice.id}`)).items
      assert.ok(needs.some((c) => c.id === call.id), 'the skipped call needs an outcome')

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click()
      const section = page.getByRole('region', { name: 'Calls needing an outcome' })
      // Newest first: the call just skipped is the first of Simon's.
      const item = section.getByRole('listitem').filter({ hasText: 'Simon Martin' }).first()
      await item.waitFor()
      const simonItems = await section.getByRole('listitem').filter({ hasText: 'Simon Martin' }).count()
      await item.getByRole('button', { name: /^Add outcome/ }).click()
      await summaryPanel(page).waitFor()
      await summaryPanel(page).getByLabel('Outcome').selectOption(outcome)
      await summaryPanel(page).getByRole('button', { name: 'Save summary' }).click()
      await summaryPanel(page).waitFor({ state: 'detached' })
      await until('the list to drop the call', async () => (await section.getByRole('listitem').filter({ hasText: 'Simon Martin' }).count()) === simonItems - 1)
      assert.equal((await world.asAlice('GET', `/api/v1/calls/${call.id}/summary`)).summary_outcome, outcome)
    }, PHONE)
  })

  it('a follow-up call scheduled a few seconds ahead is in Alice\'s tasks with its time and a Call button, and reminds her in the dock at its time', () =>
    app.run('summary reminder', async (page) => {
      await callSimon(page)
      const panel = summaryPanel(page)
      await panel.waitFor({ timeout: 15_000 })
      await panel.getByLabel('Outcome').selectOption('Left voicemail')
      await panel.getByRole('radio', { name: 'Call', exact: true }).check()
      await panel.getByLabel('Call title').fill('Ring Simon back')
      const at = new Date(Date.now() + 8_000)
      const pad = (n) => String(n).padStart(2, '0')
      const local = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
      await panel.getByLabel('Call at').fill(local)
      await panel.getByRole('button', { name: 'Save summary' }).click()
      await panel.waitFor({ state: 'detached' })

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click()
      const calls = page.getByRole('list', { name: 'Follow-up calls' })
      const item = calls.getByRole('listitem').filter({ hasText: 'Ring Simon back' })
      await item.waitFor()
      await item.getByRole('button', { name: `Call ${SIMON_WORK} (Ring Simon back)` }).waitFor()

      const reminder = dock(page).getByRole('region', { name: `Reminder: Call Simon Martin (${SIMON_WORK})` })
      await reminder.waitFor({ timeout: 30_000 })
      await reminder.getByText('Ring Simon back').waitFor()
      await reminder.getByRole('button', { name: `Call Simon Martin ${SIMON_WORK}` }).waitFor()
      await axeClean(page, 'the reminder in the dock')
      await page.screenshot({ path: join(SHOTS, 'summary-reminder.png') })
      await reminder.getByRole('button', { name: /^Dismiss/ }).click()
      await reminder.waitFor({ state: 'detached' })
    }))
})
