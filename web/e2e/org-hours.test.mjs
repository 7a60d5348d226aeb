// Browser tests for the org's business hours and holidays (R-ORG-5,
// R-IN-16, decision 0020): the Settings › Organisation editor refuses bad
// hours beside the field and changes nothing, saves good ones, and a
// number's routing switches from its custom hours to the org's, shown
// read-only and named in the version's changes.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ADMIN, signIn, useApp } from './harness.mjs'

const app = useApp(async (server) => {
  for (let i = 0; i < 300 && !server.log().includes('demo telephony ready'); i++) await new Promise((r) => setTimeout(r, 100))
  assert.match(server.log(), /demo telephony ready/, 'the demo telephony set-up did not finish')
})
const run = app.run

const orgNow = (page) => page.evaluate(() => fetch('/api/v1/org').then((r) => r.json()))

describe('org business hours', { timeout: 180_000 }, () => {
  it('refuses bad hours, saves good ones, and a number follows them', () =>
    run('org hours', async (page) => {
      await signIn(page, ADMIN, '/settings/org')
      const hours = page.getByRole('region', { name: 'Business hours and holidays' })
      const always = hours.getByRole('switch', { name: 'Always open' })
      assert.equal(await always.isChecked(), true, 'a new org is always open')

      // A range that crosses midnight is refused beside it; nothing is stored.
      await always.uncheck()
      await hours.getByRole('button', { name: 'Add hours on Monday' }).click()
      await hours.getByRole('textbox', { name: 'Monday range 1 from' }).fill('17:00')
      await hours.getByRole('textbox', { name: 'Monday range 1 to' }).fill('09:00')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await hours.getByText('from must be before to (split a range that crosses midnight over two days)').waitFor()
      await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor()
      assert.equal((await orgNow(page)).business_hours.always_open, true, 'refused hours were stored')

      // Weekdays 09:00–17:00 and a holiday are saved.
      await hours.getByRole('textbox', { name: 'Monday range 1 from' }).fill('09:00')
      await hours.getByRole('textbox', { name: 'Monday range 1 to' }).fill('17:00')
      await hours.getByRole('button', { name: 'Copy to Tuesday–Friday' }).click()
      await hours.getByRole('button', { name: '+ Add a holiday' }).click()
      const holiday = hours.getByRole('group', { name: 'Holiday 1' })
      await holiday.getByLabel('Name').fill("Founders' day")
      await holiday.getByLabel('First day').fill('2026-12-28')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
      const saved = (await orgNow(page)).business_hours
      assert.equal(saved.always_open, false)
      assert.deepEqual(saved.weekly.friday, [{ from: '09:00', to: '17:00' }])
      assert.deepEqual(saved.holidays, [{ date: '2026-12-28', name: "Founders' day" }])

      // The demo's US number was published with its own hours; switch it to the org's.
      await page.goto('/settings/telephony')
      await page.getByRole('link', { name: /^Routing of \+1/ }).click()
      await page.getByRole('heading', { level: 1, name: /^Routing of \+1/ }).waitFor()
      assert.equal(await page.getByRole('radio', { name: 'Custom hours for this number' }).isChecked(), true)
      await page.getByRole('radio', { name: 'Use the org’s business hours' }).check()
      const summary = page.getByRole('group', { name: 'The org’s business hours' })
      await summary.getByText('Open Mon–Fri 09:00–17:00').waitFor()
      await summary.getByText(/Founders' day/).waitFor()
      const actions = page.getByRole('region', { name: 'Save and publish' })
      await actions.getByRole('button', { name: 'Save and publish' }).click()
      await actions.getByRole('status').filter({ hasText: /^Version \d+ is live$/ }).waitFor()

      // The version's changes name the switch in words.
      await page.getByRole('tab', { name: /^Versions/ }).click()
      const table = page.getByRole('table', { name: /^Changes in version 2 against version 1/ })
      await table.waitFor()
      const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim())
      assert.ok(rows.includes("Business hours › Hours used custom hours for this number the org's business hours"), rows.join('\n'))

      // The test console knows the number now follows the org: closed on a Sunday.
      await page.getByRole('tab', { name: 'Test console' }).click()
      const form = page.getByRole('form', { name: 'Test call' })
      await form.getByRole('radio', { name: 'At a date and time' }).check()
      await form.getByLabel(/^Date and time/).fill('2026-11-22T10:30')
      await form.getByText(/The number is closed then \(closed on Sundays\)/).waitFor()
    }))
})
