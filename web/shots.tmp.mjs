import { chromium } from 'playwright-core'
import { mkdtempSync } from 'node:fs'
const FLAGS = ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync']
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...FLAGS, `--user-data-dir=${mkdtempSync('/tmp/sbc-')}`, '--remote-debugging-pipe'], ignoreDefaultArgs: true })
const w = Number(process.argv[2] || 1280)
const ctx = await browser.newContext({ baseURL: 'http://127.0.0.1:18080', viewport: { width: w, height: 800 } })
const page = await ctx.newPage()
page.on('console', m => console.log('console', m.type(), m.text()))
await page.goto('/signin')
await page.getByLabel('E-mail').fill(process.argv[3] || 'admin@demo.switchboard.test')
await page.getByLabel('Password').fill('demo-password-1')
await page.getByRole('button', { name: 'Sign in' }).click()
await page.getByRole('navigation', { name: 'Main' }).waitFor()
const shots = process.argv.slice(4)
for (const s of shots) {
  const [name, path, action] = s.split('|')
  await page.goto(path)
  await page.waitForTimeout(400)
  if (action === 'search') { await page.getByRole('combobox').fill('Mar'); await page.waitForTimeout(500) }
  if (action === 'save') { await page.getByRole('button', { name: /Create|Save/ }).first().click(); await page.waitForTimeout(400) }
  await page.screenshot({ path: `/tmp/shot-${name}-${w}.png` })
}
await browser.close()
