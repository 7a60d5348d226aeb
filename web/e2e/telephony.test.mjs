// Browser tests for Settings → Telephony (issue #5): providers, numbers,
// operators and caller IDs, against `switchboard serve --demo`, whose
// sandbox provider (for all users) holds a US and a GB number.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ADMIN, AGENT, SHOTS, signIn, useApp } from './harness.mjs'

// The demo's provider and numbers are set up through the API just after the
// server starts listening.
const app = useApp(async (server) => {
  for (let i = 0; i < 300 && !server.log().includes('demo telephony ready'); i++) await new Promise((r) => setTimeout(r, 100))
  assert.match(server.log(), /demo telephony ready/, 'the demo telephony set-up did not finish')
})
const run = app.run

/** openTelephony signs in as the admin and opens Settings → Telephony through the tabs. */
async function openTelephony(page) {
  await signIn(page, ADMIN, '/settings')
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Telephony' }).click()
  await page.getByRole('heading', { level: 2, name: 'Providers' }).waitFor()
  assert.match(page.url(), /\/settings\/telephony$/)
}

const provider = (page, name) => page.getByRole('article', { name, exact: true })
const numbersOf = (page, name) => page.getByRole('region', { name: `Numbers of ${name}`, exact: true })
/** focused waits until the focused element's text is text. */
async function focused(page, text, what) {
  try {
    await page.waitForFunction((t) => document.activeElement?.textContent === t, text, { timeout: 3000 })
  } catch {
    assert.fail(`${what}: focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`)
  }
}

const usersOf = (card) => card.getByRole('list', { name: /^Users \(\d+\)$/ })

describe('settings → telephony', { timeout: 150_000 }, () => {
  it('connects a second sandbox provider, moves a user into it, buys a number and sets its operators', () =>
    run('telephony', async (page) => {
      await openTelephony(page)

      // The demo provider, with its users and its two numbers and their capabilities.
      const demo = provider(page, 'Sandbox carrier')
      await demo.getByText(/Connected · last success/).waitFor()
      for (const name of ['Ada Admin', 'Alice Agent', 'Bob Agent']) await usersOf(demo).getByText(name).waitFor()
      const demoNumbers = numbersOf(page, 'Sandbox carrier')
      await demoNumbers.getByRole('article').nth(1).waitFor()
      assert.equal(await demoNumbers.getByRole('article').count(), 2)
      const us = demoNumbers.getByRole('article', { name: /^\+1 415 / })
      await us.getByRole('list', { name: 'Capabilities: Voice, SMS and MMS' }).waitFor()
      const gb = demoNumbers.getByRole('article', { name: /^\+44 / })
      const gbCaps = gb.getByRole('list', { name: 'Capabilities: Voice only' })
      await gbCaps.waitFor()
      assert.equal(await gbCaps.getByRole('listitem').nth(1).getAttribute('title'), 'Cannot carry text messages')
      assert.equal(await gb.getByRole('switch', { name: 'Outgoing calls for Bob Agent' }).isChecked(), true)

      // Connecting a provider with a user who belongs to the demo one is
      // refused, and the API's message shows on the users fieldset.
      await page.getByRole('button', { name: 'Connect a provider' }).click()
      const form = page.getByRole('region', { name: 'Connect a provider' })
      await form.getByLabel(/^Sandbox/).check()
      await form.getByLabel('Name').fill('EU sandbox')
      await form.getByLabel(/^Bob Agent/).check()
      await form.getByRole('button', { name: 'Connect provider' }).click()
      await form.getByRole('alert').filter({ hasText: /bob@demo\.switchboard\.test already belongs to the provider "Sandbox carrier"/ }).waitFor()
      await form.getByLabel(/^Bob Agent/).uncheck()
      await form.getByRole('button', { name: 'Connect provider' }).click()
      const eu = provider(page, 'EU sandbox')
      await eu.getByText('No users yet').waitFor()
      assert.equal(await form.count(), 0, 'the form closes once connected')
      await focused(page, 'EU sandbox', 'focus moves to the new provider')
      await eu.getByRole('button', { name: 'Test connection' }).click()
      await eu.getByRole('status').filter({ hasText: 'The carrier accepted the credentials.' }).waitFor()
      await focused(page, 'Test connection', 'the button keeps focus while it works')

      // Adding a user who is in another provider shows the API's message in place.
      const addUser = eu.getByLabel('Add a user', { exact: true })
      await addUser.selectOption({ label: 'Alice Agent (in Sandbox carrier)' })
      await eu.getByRole('button', { name: 'Add', exact: true }).click()
      await eu.getByRole('alert').filter({ hasText: 'alice@demo.switchboard.test already belongs to the provider "Sandbox carrier"' }).waitFor()
      assert.equal(await addUser.getAttribute('aria-invalid'), 'true')

      // Move Bob: out of the demo provider, into the new one.
      await demo.getByRole('button', { name: 'Remove Bob Agent from Sandbox carrier' }).click()
      await demo.getByRole('status').filter({ hasText: 'Bob Agent was removed.' }).waitFor()
      assert.equal(await usersOf(demo).getByText('Bob Agent').count(), 0)
      await addUser.selectOption({ label: 'Bob Agent' })
      await eu.getByRole('button', { name: 'Add', exact: true }).click()
      await usersOf(eu).getByText('Bob Agent').waitFor()
      assert.equal(await eu.getByRole('alert').count(), 0, 'the earlier error is gone')

      // Search the sandbox's stock and buy a New York number.
      const euNumbers = numbersOf(page, 'EU sandbox')
      await euNumbers.getByRole('button', { name: 'Buy a number' }).click()
      const search = euNumbers.getByRole('form', { name: 'Search numbers to buy from EU sandbox' })
      await search.getByLabel('Area code').fill('21x')
      await search.getByRole('button', { name: 'Search' }).click()
      await search.getByText('must be a whole number').waitFor() // the API's field error, beside the field
      assert.equal(await search.getByLabel('Area code').getAttribute('aria-invalid'), 'true')
      await search.getByLabel('Area code').fill('212')
      await search.getByLabel('SMS').check()
      await search.getByRole('button', { name: 'Search' }).click()
      const offers = euNumbers.getByRole('list', { name: /^Numbers for sale/ })
      const buy = offers.getByRole('button', { name: /^Buy \+1 212 / }).first()
      await buy.waitFor()
      const bought = (await buy.getAttribute('aria-label')).replace(/^Buy /, '')
      await offers.getByRole('listitem').first().getByRole('list', { name: 'Capabilities: Voice, SMS and MMS' }).waitFor()
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(wide <= 0, `the page scrolls sideways by ${wide}px at 1280 px`)
      await buy.click()
      await euNumbers.getByRole('status').filter({ hasText: `Bought ${bought}` }).waitFor()
      const card = euNumbers.getByRole('article', { name: bought })
      await card.getByText('No operators').waitFor()
      await focused(page, bought, 'focus moves to the new number')

      // Its switches and operators.
      await card.getByRole('switch', { name: 'Call recording' }).check()
      await card.getByRole('status').filter({ hasText: 'Call recording on' }).waitFor()
      const addOp = card.getByLabel('Add an operator', { exact: true })
      await addOp.selectOption({ label: 'Bob Agent' })
      await card.getByRole('button', { name: 'Add', exact: true }).click()
      await addOp.selectOption({ label: 'Ada Admin (in Sandbox carrier)' })
      await card.getByRole('button', { name: 'Add', exact: true }).click()
      assert.equal(await card.getByRole('switch', { name: 'Outgoing calls for Bob Agent' }).isChecked(), true)
      assert.equal(await card.getByRole('switch', { name: 'Call recording for Bob Agent' }).isChecked(), true, 'follows the number')
      await card.getByRole('switch', { name: 'Outgoing calls for Ada Admin' }).uncheck()
      await card.getByRole('switch', { name: 'Call recording for Ada Admin' }).uncheck()
      await card.getByText('Unsaved changes').waitFor()
      // Leaving with unsaved operators asks first.
      page.once('dialog', (d) => {
        assert.match(d.message(), new RegExp(`operators of \\${bought} are not saved`))
        d.dismiss()
      })
      await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Users' }).click()
      assert.match(page.url(), /\/settings\/telephony$/)
      await card.getByRole('button', { name: 'Save operators' }).click()
      await card.getByRole('status').filter({ hasText: 'Operators saved' }).waitFor()

      // Bob calls out from it: his old number is the demo provider's, which the page points out.
      const callerIds = page.getByRole('region', { name: 'Outbound caller ID' })
      const bobWarning = callerIds.getByText('They call through EU sandbox, and this number belongs to another provider.')
      await bobWarning.waitFor()
      await callerIds.getByLabel('Caller ID for Bob Agent').selectOption({ label: bought })
      await callerIds.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
      assert.equal(await bobWarning.count(), 0)
      await card.getByText('caller ID of Bob Agent').waitFor()

      // Unique numbers are refused while Ada and Alice share the US number (the
      // API's message shows on the choice); once Alice has the GB number they
      // are allowed, and then a number already taken is refused beside the user.
      const unique = callerIds.getByRole('radio', { name: /^Unique/ })
      await unique.click()
      await callerIds.getByRole('alert').filter({ hasText: /^\+14155550100 is the caller ID of several users/ }).waitFor()
      assert.equal(await unique.isChecked(), false)
      const gbLabel = await gb.getByRole('heading').first().innerText()
      await callerIds.getByLabel('Caller ID for Alice Agent').selectOption({ label: gbLabel })
      await gb.getByText('caller ID of Alice Agent').waitFor()
      await unique.click()
      await callerIds.getByRole('group', { name: 'Numbers are' }).getByRole('status').filter({ hasText: 'Saved' }).waitFor()
      assert.equal(await unique.isChecked(), true)
      assert.equal(await callerIds.getByRole('alert').count(), 0)
      const ada = callerIds.getByLabel('Caller ID for Ada Admin')
      await ada.selectOption({ label: gbLabel })
      await callerIds.getByText('this number is already the caller ID of alice@demo.switchboard.test').waitFor()
      assert.equal(await ada.getAttribute('aria-invalid'), 'true')
      assert.match(await ada.evaluate((s) => s.options[s.selectedIndex].text), /^\+1 415 /, 'the choice goes back to the saved one')

      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(SHOTS, 'telephony.png') })

      // Everything is still there after a reload.
      await page.reload()
      await page.getByRole('heading', { level: 2, name: 'Providers' }).waitFor()
      await usersOf(provider(page, 'EU sandbox')).getByText('Bob Agent').waitFor()
      assert.equal(await usersOf(provider(page, 'Sandbox carrier')).getByText('Bob Agent').count(), 0)
      assert.deepEqual(await usersOf(provider(page, 'Sandbox carrier')).getByRole('listitem').allInnerTexts().then((t) => t.length), 2)
      const again = numbersOf(page, 'EU sandbox').getByRole('article', { name: bought })
      await again.waitFor()
      assert.equal(await again.getByRole('switch', { name: 'Call recording', exact: true }).isChecked(), true)
      assert.equal(await again.getByRole('switch', { name: 'Outgoing calls', exact: true }).isChecked(), true)
      assert.equal(await again.getByRole('switch', { name: 'Outgoing calls for Bob Agent' }).isChecked(), true)
      assert.equal(await again.getByRole('switch', { name: 'Call recording for Bob Agent' }).isChecked(), true)
      assert.equal(await again.getByRole('switch', { name: 'Outgoing calls for Ada Admin' }).isChecked(), false)
      assert.equal(await again.getByRole('switch', { name: 'Call recording for Ada Admin' }).isChecked(), false)
      const bobCaller = page.getByRole('region', { name: 'Outbound caller ID' }).getByLabel('Caller ID for Bob Agent')
      assert.equal(await bobCaller.evaluate((s) => s.options[s.selectedIndex].text), bought)
      const ids = page.getByRole('region', { name: 'Outbound caller ID' })
      assert.equal(await ids.getByRole('radio', { name: /^Unique/ }).isChecked(), true)
      const aliceCaller = ids.getByLabel('Caller ID for Alice Agent')
      assert.equal(await aliceCaller.evaluate((s) => s.options[s.selectedIndex].text), gbLabel)
    }))

  it('shows refusals to buy on the number, links, unlinks and uninstalls, asking first', () =>
    run('telephony unlink and uninstall', async (page) => {
      await openTelephony(page)
      await page.getByRole('button', { name: 'Connect a provider' }).click()
      const form = page.getByRole('region', { name: 'Connect a provider' })
      await form.getByLabel(/^Sandbox/).check()
      await form.getByLabel('Name').fill('Spare sandbox')
      await form.getByRole('button', { name: 'Connect provider' }).click()
      const spare = provider(page, 'Spare sandbox')
      await spare.waitFor()
      const nums = numbersOf(page, 'Spare sandbox')
      await nums.getByRole('button', { name: 'Buy a number' }).click()
      await nums.getByRole('button', { name: 'Search' }).click()
      const buy = nums.getByRole('button', { name: /^Buy \+/ }).first()
      const label = (await buy.getAttribute('aria-label')).replace(/^Buy /, '')
      // The refusals a real Twilio account can give (the sandbox's accounts
      // are full, with a public URL) show on the number's row.
      const refusals = [
        { status: 422, error: { code: 'invalid', message: 'invalid public_url: SWITCHBOARD_PUBLIC_URL is not set: …',
          fields: { public_url: 'SWITCHBOARD_PUBLIC_URL is not set: set it to the https:// address Twilio can reach' } } },
        { status: 409, error: { code: 'conflict', message: 'this Twilio account is a trial account, which can hold only one phone number' } },
      ]
      const row = nums.getByRole('listitem').filter({ has: page.getByRole('button', { name: `Buy ${label}` }) })
      for (const r of refusals) {
        await page.route('**/api/v1/providers/*/numbers', (route) =>
          route.fulfill({ status: r.status, contentType: 'application/json', body: JSON.stringify({ error: r.error }) }), { times: 1 })
        await buy.click()
        await row.getByRole('alert').filter({ hasText: r.error.fields?.public_url || r.error.message }).waitFor()
      }
      assert.equal(await row.getByRole('alert').innerText(), refusals[1].error.message, 'only the latest refusal shows')
      await buy.click()
      const card = nums.getByRole('article', { name: label })
      await card.waitFor()
      // the linked number shows as linked in the account's list
      await nums.getByRole('button', { name: 'Link a number you own' }).click()
      const owned = nums.getByRole('list', { name: 'Numbers in the Spare sandbox account' })
      await owned.getByRole('listitem').filter({ hasText: label }).getByText('Linked').waitFor()

      await card.getByRole('button', { name: 'Unlink' }).click()
      await card.getByRole('button', { name: 'Cancel' }).click()
      await focused(page, 'Unlink', 'focus returns to the button')
      await page.keyboard.press('Enter')
      await focused(page, `Unlink ${label}`, 'the confirm button takes focus')
      await page.keyboard.press('Escape')
      await card.getByRole('button', { name: `Unlink ${label}` }).waitFor({ state: 'detached' })
      await card.getByRole('button', { name: 'Unlink' }).click()
      await card.getByRole('button', { name: `Unlink ${label}` }).click()
      await nums.getByText('No numbers yet.').waitFor()
      // the unlinked number can be linked again from the account
      await owned.getByRole('button', { name: `Link ${label}` }).click()
      await nums.getByRole('article', { name: label }).waitFor()

      await spare.getByRole('button', { name: 'Uninstall' }).click()
      await spare.getByText('Its number stops taking calls').waitFor()
      await spare.getByRole('button', { name: 'Uninstall Spare sandbox' }).click()
      await spare.waitFor({ state: 'detached' })
      assert.equal(await numbersOf(page, 'Spare sandbox').count(), 0)
      await page.reload()
      await provider(page, 'Sandbox carrier').waitFor()
      assert.equal(await provider(page, 'Spare sandbox').count(), 0)
    }))

  it("retries a failed load; shows Twilio's refusal beside the auth token, and an unreachable carrier on the form, saving nothing", () =>
    run('telephony twilio errors', async (page) => {
      // A failed load shows a retry message, never a blank page.
      await page.route('**/api/v1/numbers', (r) => r.abort('internetdisconnected'))
      await signIn(page, ADMIN, '/settings/telephony')
      const alert = page.getByRole('alert').filter({ hasText: "Can't reach the Switchboard server" })
      await alert.waitFor()
      await page.unroute('**/api/v1/numbers')
      await alert.getByRole('button', { name: 'Retry' }).click()
      await page.getByRole('heading', { level: 2, name: 'Providers' }).waitFor()

      await page.getByRole('button', { name: 'Connect a provider' }).click()
      const form = page.getByRole('region', { name: 'Connect a provider' })
      assert.equal(await form.getByLabel('Twilio').isChecked(), true, 'Twilio is the default carrier')
      await form.getByLabel('Name').fill('Twilio US')
      await form.getByLabel('Account SID').fill('AC123')
      await form.getByRole('button', { name: 'Connect provider' }).click()
      await form.locator('#f-connect-sid-err').filter({ hasText: 'AC followed by 32 hexadecimal characters' }).waitFor()
      await form.locator('#f-connect-token-err').waitFor()
      await form.getByRole('alert').filter({ hasText: 'fix the 2 fields marked above' }).waitFor()
      // Well-formed credentials the carrier (here the built-in sandbox, as a Twilio-compatible API) refuses.
      await form.getByLabel('Account SID').fill(`AC${'a'.repeat(32)}`)
      await form.getByLabel('Auth token').fill('b'.repeat(32))
      await form.getByLabel('API URL (optional)').fill(`${app.server.url}/sandbox`)
      await form.getByRole('button', { name: 'Connect provider' }).click()
      const token = form.getByLabel('Auth token')
      await form.locator('#f-connect-token-err').filter({ hasText: 'refused the Account SID and Auth Token' }).waitFor()
      assert.equal(await token.getAttribute('aria-invalid'), 'true')
      assert.equal(await token.getAttribute('aria-describedby'), 'f-connect-token-err')
      assert.equal(await form.locator('#f-connect-sid-err').count(), 0)
      // A carrier that cannot be reached.
      await form.getByLabel('API URL (optional)').fill('http://127.0.0.1:9/')
      await form.getByRole('button', { name: 'Connect provider' }).click()
      await form.getByRole('alert').filter({ hasText: 'could not reach 127.0.0.1:9' }).waitFor()
      await form.getByRole('button', { name: 'Cancel' }).click()
      await focused(page, 'Connect a provider', 'focus returns to the button that opened the form')
      await page.reload()
      await provider(page, 'Sandbox carrier').waitFor()
      assert.equal(await provider(page, 'Twilio US').count(), 0, 'nothing was saved')
    }))

  it('works on a 390 px wide screen and with the keyboard', () =>
    run('telephony narrow', async (page) => {
      await openTelephony(page)
      await numbersOf(page, 'Sandbox carrier').getByRole('article').first().waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the telephony page scrolls sideways by ${overflow}px`)
      // Tab from the Telephony tab reaches "Connect a provider", with a visible focus ring; Enter opens the form.
      await page.getByRole('link', { name: 'Telephony' }).focus()
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab')
        if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Connect a provider') break
      }
      const ring = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement)
        return { text: document.activeElement.textContent, style: s.outlineStyle, width: parseFloat(s.outlineWidth) }
      })
      assert.equal(ring.text, 'Connect a provider')
      assert.notEqual(ring.style, 'none')
      assert.ok(ring.width >= 2, `outline ${ring.width}px`)
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'Connect a provider' }).waitFor()
      await focused(page, 'Connect a provider', 'focus moves to the form')
      const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow2 <= 0, `the connect form scrolls sideways by ${overflow2}px`)
      await page.screenshot({ path: join(SHOTS, 'telephony-390.png'), fullPage: true })
    }, { width: 390, height: 844 }))

  it('shows no Telephony settings to an agent, whose telephony API calls get 403', () =>
    run('telephony agent', async (page) => {
      await signIn(page, AGENT, '/settings/telephony')
      await page.getByRole('alert').filter({ hasText: 'Only admins' }).waitFor()
      assert.equal(await page.getByRole('link', { name: 'Telephony' }).count(), 0)
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).count(), 0)
      const status = await page.evaluate(() => fetch('/api/v1/providers').then((r) => r.status))
      assert.equal(status, 403)
    }))
})
