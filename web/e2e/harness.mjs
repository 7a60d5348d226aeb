// The browser-test harness: builds the Go binary (which embeds the freshly
// built web/dist/app), starts `switchboard serve --demo` on 127.0.0.1:0 with
// a temporary database, and drives Debian's Chromium with playwright-core.
import { after, before } from 'node:test'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const WEB = fileURLToPath(new URL('..', import.meta.url))
export const ROOT = join(WEB, '..')
export const RESULTS = join(WEB, 'test-results')
export const PASSWORD = 'e2e-demo-password-1'
export const ADMIN = 'admin@demo.switchboard.test'
export const AGENT = 'alice@demo.switchboard.test'

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/** checkBuilt fails early when the app was not built, or was built before
 * the last change to src/: the binary would embed a stale app. */
export function checkBuilt() {
  const index = join(WEB, 'dist', 'app', 'index.html')
  if (!existsSync(index)) throw new Error('web/dist/app is missing: run `npm --prefix web run build` before the browser tests')
  if (newest(join(WEB, 'src')) > statSync(index).mtimeMs) {
    throw new Error('web/src changed after the last build: run `npm --prefix web run build` before the browser tests')
  }
}

/** startServer builds and starts the server (env: extra environment,
 * e.g. SWITCHBOARD_PRESENCE_GRACE); stop() kills it and removes its files. */
export async function startServer(env = {}) {
  checkBuilt()
  const dir = mkdtempSync(join(tmpdir(), 'sb-e2e-'))
  const bin = join(dir, 'switchboard')
  execFileSync('go', ['build', '-o', bin, './cmd/switchboard'], { cwd: ROOT, stdio: 'inherit' })
  const proc = spawn(bin, ['serve', '--demo', '--addr', '127.0.0.1:0', '--db', join(dir, 'e2e.db')], {
    env: { ...process.env, SWITCHBOARD_DEMO_PASSWORD: PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${log}`)), 30_000)
    const onData = (b) => {
      log += b.toString()
      const m = /msg=listening url=(\S+)/.exec(log)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    proc.stderr.on('data', onData)
    proc.stdout.on('data', (b) => (log += b.toString()))
    proc.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${log}`))
    })
  })
  return {
    url,
    bin,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r))
        proc.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
        if (proc.exitCode === null) proc.kill('SIGKILL')
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** launchBrowser starts headless Chromium with a fresh profile. */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`)
  }
  const profile = mkdtempSync(join(tmpdir(), 'sb-chromium-'))
  const browser = await chromium.launch({
    executablePath,
    args: [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-pipe'],
    ignoreDefaultArgs: true,
    timeout: 30_000,
  })
  return {
    browser,
    async close() {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** openPage opens a page in a fresh context (no cookies) and records its console. */
export async function openPage(browser, baseURL, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  const consoleLog = []
  page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`))
  page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e.stack || e.message}`))
  page.on('requestfailed', (r) => consoleLog.push(`[requestfailed] ${r.method()} ${r.url()} ${r.failure()?.errorText}`))
  return { context, page, consoleLog }
}

let failed = false

/** saveServerLog keeps the server's log next to the screenshots when a test failed. */
export function saveServerLog(server) {
  if (!failed || !server) return
  mkdirSync(RESULTS, { recursive: true })
  writeFileSync(join(RESULTS, 'server.log'), server.log())
}

/** withPage runs fn with a fresh page; on failure it saves a screenshot and
 * the console log under web/test-results/. */
export async function withPage(browser, baseURL, name, fn, viewport) {
  const { context, page, consoleLog } = await openPage(browser, baseURL, viewport)
  try {
    await fn(page, context)
    const bad = consoleLog.filter((l) => l.startsWith('[pageerror]') || l.includes('Content Security Policy'))
    if (bad.length) throw new Error(`the page logged errors:\n${bad.join('\n')}`)
  } catch (err) {
    failed = true
    mkdirSync(RESULTS, { recursive: true })
    const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()
    try {
      await page.screenshot({ path: join(RESULTS, `${slug}.png`), fullPage: true })
    } catch {
      // the page may be gone
    }
    writeFileSync(join(RESULTS, `${slug}.console.log`), `${consoleLog.join('\n')}\n\nURL: ${page.url()}\n`)
    console.error(`saved web/test-results/${slug}.png and ${slug}.console.log`)
    throw err
  } finally {
    await context.close()
  }
}

/** signIn signs in through the form and waits for the app shell. */
export async function signIn(page, email, next = '/') {
  await page.goto(next)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
}

// SHOTS is where tests save screenshots: web/test-results/screenshots, or
// docs/screenshots (committed, linked from the README) with
// UPDATE_SCREENSHOTS=1.
export const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : join(RESULTS, 'screenshots')

/**
 * useApp registers the hooks every browser-test file needs — start the
 * demo server and Chromium before the tests (then await ready(server)),
 * save the server log and stop both after — and returns the app: its
 * server once started, and run(name, fn, viewport) to use a fresh page.
 * opts.env adds to the server's environment.
 */
export function useApp(ready = async () => {}, opts = {}) {
  const app = { server: undefined, chrome: undefined }
  before(async () => {
    mkdirSync(SHOTS, { recursive: true })
    app.server = await startServer(opts.env)
    app.chrome = await launchBrowser()
    await ready(app.server)
  })
  after(async () => {
    if (app.server) saveServerLog(app.server)
    await app.chrome?.close()
    await app.server?.stop()
  })
  app.run = (name, fn, viewport) => withPage(app.chrome.browser, app.server.url, name, fn, viewport)
  return app
}
