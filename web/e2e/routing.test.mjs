// Browser tests for a number's routing page (R-IN, R-PLAT-4, R-SIM-4):
// the IVR editor, publishing, versions and the IVR test console, against
// `switchboard serve --demo`, whose London number rings users directly and
// whose US number has a one-level IVR menu, each published as version 1.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ADMIN, ROOT, SHOTS, signIn, useApp } from './harness.mjs'

const app = useApp(async (server) => {
  for (let i = 0; i < 300 && !server.log().includes('demo telephony ready'); i++) await new Promise((r) => setTimeout(r, 100))
  assert.match(server.log(), /demo telephony ready/, 'the demo telephony set-up did not finish')
})
const run = app.run

/** openRouting signs in as the admin and follows a number's Routing link
 * from Settings → Telephony. */
async function openRouting(page, number) {
  await signIn(page, ADMIN, '/settings/telephony')
  const link = page.getByRole('link', { name: new RegExp(`^Routing of \\${number}`) })
  await link.click()
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Routing of \\${number}`) }).waitFor()
  assert.match(page.url(), /\/settings\/telephony\/numbers\/\d+\/routing$/)
}

const menu = (page, name) => page.getByRole('group', { name: new RegExp(`^${name} \\(level \\d of 5\\)$`) })
/** option is the fieldset of a menu option, by its legend ("Option 1 Sales"). */
const option = (scope, name) => scope.getByRole('group', { name: `Option ${name}`, exact: true })
const actions = (page) => page.getByRole('region', { name: 'Save and publish' })

/** addOption adds an option to a menu and gives it a label. */
async function addOption(page, m, label, key) {
  const n = await m.locator(':scope > ol > li').count()
  await m.getByRole('button', { name: /^Add an option/ }).last().click()
  const opt = m.locator(':scope > ol > li').nth(n).locator(':scope > fieldset')
  await opt.waitFor()
  if (key) await opt.getByLabel('Key', { exact: true }).selectOption(String(key))
  await opt.getByRole('textbox', { name: /^Label of option/ }).fill(label)
  return opt
}

/** wav is a WAV file of seconds of silence (8 kHz, 16-bit mono). */
function wav(seconds) {
  const data = Math.round(8000 * seconds) * 2
  const b = Buffer.alloc(44 + data)
  b.write('RIFF', 0)
  b.writeUInt32LE(36 + data, 4)
  b.write('WAVEfmt ', 8)
  b.writeUInt32LE(16, 16)
  b.writeUInt16LE(1, 20)
  b.writeUInt16LE(1, 22)
  b.writeUInt32LE(8000, 24)
  b.writeUInt32LE(16000, 28)
  b.writeUInt16LE(2, 32)
  b.writeUInt16LE(16, 34)
  b.write('data', 36)
  b.writeUInt32LE(data, 40)
  return b
}

describe('settings → telephony → routing', { timeout: 180_000 }, () => {
  it('builds a two-level IVR, publishes it and runs it in the test console', () =>
    run('routing build and test', async (page) => {
      await openRouting(page, '+44')
      await page.getByText(/Live\s*version 1, published/).waitFor()

      // Switch the number from its direct group to an IVR menu.
      await page.getByRole('radio', { name: 'An IVR menu' }).check()
      const main = menu(page, 'Main menu')
      await main.getByText('No options yet').waitFor()

      // 1 Sales rings Alice.
      const sales = await addOption(page, main, 'Sales')
      assert.equal(await sales.getByLabel('Key', { exact: true }).inputValue(), '1')
      await sales.getByRole('checkbox', { name: 'Alice Agent' }).check()
      // The label is heard through the menu template.
      await sales.getByText('Callers hear “For Sales, press 1.”').waitFor()

      // 2 Support opens a sub-menu whose 1 Billing rings Bob, in turn.
      const support = await addOption(page, main, 'Support')
      assert.equal(
        await support.getByLabel('Key', { exact: true }).locator('option[value="1"]').evaluate((o) => o.disabled),
        true,
        'a key another option has cannot be chosen',
      )
      await support.getByRole('radio', { name: 'Open a sub-menu' }).check()
      const sub = menu(page, 'Sub-menu of 2 Support')
      const billing = await addOption(page, sub, 'Billing')
      await billing.getByRole('checkbox', { name: 'Bob Agent' }).check()
      await billing.getByRole('radio', { name: /^Sequential/ }).check()
      await billing.getByLabel('Ring each user for').fill('15')
      await billing.getByRole('switch', { name: 'Repeat the ring for Billing' }).check()

      // A sub-menu needs the text format: the audio formats say why they are off.
      const audioFile = page.getByRole('radio', { name: 'Uploaded audio files' })
      assert.equal(await audioFile.isDisabled(), true)
      await page.getByText('A menu with sub-menus supports only text (R-IN-3).').first().waitFor()

      await actions(page).getByText('Unsaved changes').waitFor()
      await actions(page).getByRole('button', { name: 'Save and publish' }).click()
      await actions(page).getByRole('status').filter({ hasText: 'Version 2 is live' }).waitFor()
      await page.getByText(/Live\s*version 2, published/).waitFor()
      await actions(page).getByText(/same as live/).waitFor()

      // The test console runs the saved draft: 2, then 1, Bob answers.
      await page.getByRole('tab', { name: 'Test console' }).click()
      assert.match(page.url(), /\?view=test$/)
      const form = page.getByRole('form', { name: 'Test call' })
      await form.getByLabel('Keys pressed, one per menu prompt').fill('2 1')
      const path = form.getByRole('list', { name: 'Where the keys lead' })
      await path.getByText('2 → Support (sub-menu)').waitFor()
      await path.getByText('1 → Billing: rings Bob Agent').waitFor()
      await form.getByLabel('Status of Alice Agent').selectOption('offline')
      await form.getByLabel('What Bob Agent does when rung').selectOption('answer')
      await form.getByRole('button', { name: 'Run test call' }).click()

      const result = page.getByRole('region', { name: 'Result' })
      await result.waitFor({ timeout: 30_000 })
      await result.getByText('Answered by Bob Agent').waitFor()
      const steps = await result.getByRole('list', { name: 'What happened, step by step' }).getByRole('listitem').allInnerTexts()
      const text = steps.map((s) => s.replace(/\s+/g, ' ')).join('\n')
      const at = (re) => steps.findIndex((s) => re.test(s.replace(/\s+/g, ' ')))
      for (const re of [/Caller hears “For Sales, press 1\.”/, /Caller hears “For Support, press 2\.”/, /Caller presses 2/,
        /Caller hears “For Billing, press 1\.”/, /Caller presses 1/, /Bob Agent rings/, /Bob Agent answers/]) {
        assert.ok(at(re) >= 0, `no step matches ${re}:\n${text}`)
      }
      assert.ok(at(/presses 2/) < at(/For Billing, press 1/), `the sub-menu is heard after pressing 2:\n${text}`)
      assert.ok(at(/Bob Agent rings/) < at(/Bob Agent answers/), text)
      assert.equal(steps.filter((s) => /Alice Agent rings/.test(s)).length, 0, 'Alice is offline and does not ring')
      await result.getByText(/IVR path 2 › 1/).waitFor()
      await page.screenshot({ path: join(SHOTS, 'routing-test-console.png'), fullPage: true })
    }))

  it('has no WCAG 2 A/AA problems axe can find, in the editor and the test console', () =>
    run('routing accessibility', async (page) => {
      const axe = readFileSync(join(ROOT, 'web', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')
      const check = async (what) => {
        await page.evaluate(axe)
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
          return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
        })
        assert.deepEqual(violations, [], `${what}:\n${violations.join('\n')}`)
      }
      await openRouting(page, '+44')
      await menu(page, 'Sub-menu of 2 Support').waitFor()
      await check('routing editor')
      // The tabs follow the arrow keys.
      await page.getByRole('tab', { name: 'Editor' }).focus()
      await page.keyboard.press('ArrowRight')
      const consoleTab = page.getByRole('tab', { name: 'Test console' })
      assert.equal(await consoleTab.getAttribute('aria-selected'), 'true')
      assert.equal(await consoleTab.evaluate((t) => t === document.activeElement), true)
      await page.getByRole('button', { name: 'Run test call' }).click()
      await page.getByRole('region', { name: 'Result' }).waitFor({ timeout: 30_000 })
      await check('test console with a result')
      await page.getByRole('tab', { name: /^Versions/ }).click()
      await page.getByRole('table').first().waitFor().catch(() => {})
      await check('versions')
    }))

  it('shows what changed in a second publish, and restores an earlier version', () =>
    run('routing versions', async (page) => {
      await openRouting(page, '+44')
      const sales = option(menu(page, 'Main menu'), '1 Sales')
      await sales.getByRole('textbox', { name: 'Label of option 1' }).fill('New sales')
      await option(menu(page, 'Main menu'), '1 New sales').getByRole('checkbox', { name: 'Ada Admin' }).check()
      await actions(page).getByRole('button', { name: 'Save draft' }).click()
      await actions(page).getByRole('status').filter({ hasText: 'Draft saved' }).waitFor()
      await actions(page).getByRole('button', { name: 'Publish', exact: true }).click()
      const live = await actions(page).getByRole('status').filter({ hasText: /^Version \d+ is live$/ }).innerText()
      const n = Number(/Version (\d+)/.exec(live)[1])
      assert.ok(n >= 2)

      await page.getByRole('tab', { name: /^Versions/ }).click()
      const newest = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^Version ${n}\\b`) }) })
      await newest.getByText('by Ada Admin').waitFor()
      const table = newest.getByRole('table', { name: `Changes in version ${n} against version ${n - 1}` })
      await table.waitFor()
      const rows = await table.locator('tbody tr').allInnerTexts()
      const flat = rows.map((r) => r.replace(/\s+/g, ' ').trim())
      assert.ok(flat.includes('IVR menu › 1 New sales › Label Sales New sales'), flat.join('\n'))
      assert.ok(flat.some((r) => /^IVR menu › 1 New sales › Ring group › Users Alice Agent Alice Agent, Ada Admin$/.test(r)), flat.join('\n'))

      // The previous version's changes name the menu that replaced the direct group.
      const prev = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^Version ${n - 1}\\b`) }) })
      await prev.getByRole('button', { name: `Show changes of version ${n - 1}` }).click()
      const prevTable = prev.getByRole('table')
      await prevTable.getByRole('rowheader', { name: 'Routing mode' }).waitFor()
      assert.match(await prevTable.locator('tbody tr').filter({ hasText: 'Routing mode' }).innerText(), /Direct to users\s+IVR menu/)

      // Restore version 1 (the direct group): it goes live as a new version and becomes the draft.
      const first = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Version 1\b/ }) })
      await first.getByRole('button', { name: 'Restore version 1' }).click()
      await first.getByRole('button', { name: 'Restore version 1' }).click()
      await page.getByRole('status').filter({ hasText: `Version 1 was published again as version ${n + 1}` }).first().waitFor()
      const restored = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^Version ${n + 1}\\b`) }) })
      await restored.getByText('restored from version 1').waitFor()
      await page.getByRole('tab', { name: 'Editor' }).click()
      assert.equal(await page.getByRole('radio', { name: 'Users directly' }).isChecked(), true)
      await page.screenshot({ path: join(SHOTS, 'routing-versions.png'), fullPage: true })
    }))

  it('uploads an audio file for the messages, refuses a file that is not audio, and publishes them', () =>
    run('routing audio files', async (page) => {
      await openRouting(page, '+44')
      assert.equal(await page.getByRole('radio', { name: 'Users directly' }).isChecked(), true)
      await page.getByRole('radio', { name: 'Uploaded audio files' }).check()
      const welcome = page.getByRole('group', { name: 'Welcome message', exact: true })
      const picker = welcome.getByRole('combobox', { name: 'Welcome message audio file' })
      await picker.waitFor()
      const upload = welcome.getByLabel('Upload a new welcome message file')
      // A file that is not a WAV is refused with the server's reason.
      await upload.setInputFiles({ name: 'notes.wav', mimeType: 'audio/wav', buffer: Buffer.from('not really audio') })
      await welcome.getByRole('alert').filter({ hasText: 'notes.wav is not a WAV file' }).waitFor()
      await upload.setInputFiles({ name: 'greeting.wav', mimeType: 'audio/wav', buffer: wav(0.25) })
      await welcome.getByText('MP3 or WAV; it becomes this message’s file.').waitFor()
      assert.match(await picker.evaluate((s) => s.options[s.selectedIndex].text), /^greeting\.wav \(\d+ KB\)$/)
      assert.equal(await welcome.locator('audio').getAttribute('aria-label'), 'Listen to the welcome message')
      // The other messages can pick the same file.
      for (const name of ['Busy message', 'Unavailable message']) {
        await page.getByRole('combobox', { name: `${name} audio file` }).selectOption({ label: await picker.evaluate((s) => s.options[s.selectedIndex].text) })
      }
      await actions(page).getByRole('button', { name: 'Save and publish' }).click()
      await actions(page).getByRole('status').filter({ hasText: /^Version \d+ is live$/ }).waitFor()
      await page.reload()
      await page.getByRole('combobox', { name: 'Welcome message audio file' }).waitFor()
      assert.match(await page.getByRole('combobox', { name: 'Busy message audio file' }).evaluate((s) => s.options[s.selectedIndex].text), /^greeting\.wav/)

    }))

  it('enforces the menu limits while editing and shows problems beside their fields, at 390 px', () =>
    run('routing limits', async (page) => {
      await openRouting(page, '+1 415')
      const main = menu(page, 'Main menu')
      await option(main, '2 Support').waitFor()

      // 9 options at most: the button stays focusable but says why it does nothing.
      for (let k = 3; k <= 9; k++) await addOption(page, main, `Team ${k}`)
      const add = main.getByRole('button', { name: 'Add an option' })
      assert.equal(await add.getAttribute('aria-disabled'), 'true')
      await main.getByText('A menu has at most 9 options (keys 1–9).').waitFor()
      await add.focus()
      await page.keyboard.press('Enter')
      assert.equal(await main.locator(':scope > ol > li').count(), 9)
      const keys = await option(main, '9 Team 9').getByLabel('Key', { exact: true }).locator('option:not([disabled])').allInnerTexts()
      assert.deepEqual(keys, ['9'], 'every other key is taken')
      await option(main, '9 Team 9').getByRole('button', { name: 'Remove option 9 Team 9' }).click()
      assert.equal(await add.getAttribute('aria-disabled'), null)

      // 5 levels at most: at level 5 an option can only ring users.
      let parent = option(main, '8 Team 8')
      for (let level = 2; level <= 5; level++) {
        await parent.getByRole('radio', { name: 'Open a sub-menu' }).check()
        const m = parent.getByRole('group', { name: new RegExp(`\\(level ${level} of 5\\)$`) })
        parent = await addOption(page, m, `Level ${level}`)
      }
      const deepest = parent.getByRole('radio', { name: 'Open a sub-menu' })
      assert.equal(await deepest.isDisabled(), true)
      await parent.getByText('Menus go at most 5 levels deep: this menu is level 5, so its options can only ring users.').waitFor()
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(wide <= 0, `the page scrolls sideways by ${wide}px at 390 px`)
      await page.screenshot({ path: join(SHOTS, 'routing-limits-390.png'), fullPage: true })

      // A shape the server refuses on save is named beside its field.
      const language = page.getByRole('combobox', { name: 'Language' })
      await language.fill('english')
      await actions(page).getByRole('button', { name: 'Save draft' }).click()
      await page.getByText('must be a language tag like en-US, fr-FR or cmn-CN, or empty for en-US').first().waitFor()
      assert.equal(await language.getAttribute('aria-invalid'), 'true')
      await page.getByRole('alert').filter({ hasText: /The draft was not saved: 1 problem/ }).waitFor()
      await language.fill('en-GB')
      await actions(page).getByRole('button', { name: 'Save draft' }).click()
      await actions(page).getByRole('status').filter({ hasText: 'Draft saved' }).waitFor()

      // Publishing is refused while options have no users; the problems
      // are listed in words and shown beside their fields.
      await actions(page).getByRole('button', { name: 'Publish', exact: true }).click()
      const problems = page.getByRole('alert').filter({ hasText: /cannot be published yet/ })
      await problems.waitFor()
      await problems.getByText('IVR menu › 3 Team 3 › Ring group › Users: must list at least one user').waitFor()
      const team3 = option(main, '3 Team 3')
      await team3.getByText('must list at least one user').waitFor()
      await problems.getByRole('button', { name: 'Go to IVR menu › 3 Team 3 › Ring group › Users' }).click()
      const focused = await page.evaluate(() => document.activeElement?.id)
      assert.match(focused, /^rt-menu-options-2-group-users$/)

      // Leaving with unsaved changes asks first.
      await team3.getByRole('checkbox', { name: 'Bob Agent' }).check()
      page.once('dialog', (d) => {
        assert.match(d.message(), /has unsaved changes/)
        d.dismiss()
      })
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').click()
      assert.match(page.url(), /\/routing$/)
    }, { width: 390, height: 844 }))
})
