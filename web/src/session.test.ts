import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { request } from './api/client'
import { auth, giveUp, me, reauthOpen, restore, signIn, signOut, startSessionWatch } from './session'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status })
const session = (id = 1, csrf = 'c1') => ({
  csrf_token: csrf,
  user: { id, email: 'admin@demo.switchboard.test', name: 'Ada', role: 'admin', active: true, forwarding_number: '', created_at: '' },
  org: { id: 1, slug: 'demo', name: 'Demo', default_country: 'US', time_zone: 'UTC', auto_create_contacts: false, recording_announcement: '', recording_retention_days: 0 },
})
const expired = () => json(401, { error: { code: 'unauthenticated', message: 'session expired or token revoked; sign in again' } })

let fetchMock: ReturnType<typeof vi.fn>
const reload = vi.fn()

beforeEach(() => {
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  vi.stubGlobal('window', { setInterval: vi.fn(), location: { reload } })
  vi.stubGlobal('document', { addEventListener: vi.fn(), visibilityState: 'visible' })
  startSessionWatch()
  giveUp()
  auth.value = 'loading'
  reload.mockClear()
})
afterEach(() => vi.unstubAllGlobals())

describe('restore', () => {
  it('signs in from the cookie', async () => {
    fetchMock.mockResolvedValueOnce(json(200, session()))
    await restore()
    expect(auth.value).toBe('signedIn')
    expect(me.value?.name).toBe('Ada')
  })
  it('is signed out on 401', async () => {
    fetchMock.mockResolvedValueOnce(expired())
    await restore()
    expect(auth.value).toBe('signedOut')
    expect(reauthOpen.value).toBe(false)
  })
  it('is unreachable when the network fails', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await restore()
    expect(auth.value).toBe('unreachable')
  })
})

describe('session expiry', () => {
  beforeEach(async () => {
    fetchMock.mockResolvedValueOnce(json(200, session()))
    await restore()
  })

  it('opens the dialog, then retries the write with the new CSRF token once signed in', async () => {
    fetchMock.mockResolvedValueOnce(expired())
    const saving = request('POST', '/api/v1/contacts', { body: { first_name: 'Kept' } })
    await vi.waitFor(() => expect(reauthOpen.value).toBe(true))
    fetchMock.mockResolvedValueOnce(json(201, session(1, 'c2'))).mockResolvedValueOnce(json(201, { id: 9 }))
    await signIn('admin@demo.switchboard.test', 'pw')
    expect(await saving).toEqual({ id: 9 })
    expect(reauthOpen.value).toBe(false)
    const retry = fetchMock.mock.calls[3]
    expect(retry[0]).toBe('/api/v1/contacts')
    expect(retry[1].headers['X-CSRF-Token']).toBe('c2')
    expect(retry[1].body).toBe('{"first_name":"Kept"}')
  })

  it('lets every request waiting on the dialog go on after one sign-in', async () => {
    fetchMock.mockResolvedValueOnce(expired()).mockResolvedValueOnce(expired())
    const a = request('GET', '/api/v1/contacts')
    const b = request('GET', '/api/v1/tasks')
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3))
    fetchMock.mockResolvedValueOnce(json(201, session())).mockImplementation(async () => json(200, { items: [] }))
    await signIn('admin@demo.switchboard.test', 'pw')
    await expect(Promise.all([a, b])).resolves.toEqual([{ items: [] }, { items: [] }])
  })

  it('fails the waiting request when the user gives up', async () => {
    fetchMock.mockResolvedValueOnce(expired())
    const saving = request('POST', '/api/v1/notes', { body: {} })
    await vi.waitFor(() => expect(reauthOpen.value).toBe(true))
    giveUp()
    await expect(saving).rejects.toMatchObject({ status: 401 })
    expect(auth.value).toBe('signedOut')
  })

  it('reloads the app when someone else signs in from the dialog', async () => {
    fetchMock.mockResolvedValueOnce(expired())
    request('GET', '/api/v1/contacts').catch(() => {})
    await vi.waitFor(() => expect(reauthOpen.value).toBe(true))
    fetchMock.mockResolvedValueOnce(json(201, session(2)))
    await signIn('alice@demo.switchboard.test', 'pw')
    expect(reload).toHaveBeenCalled()
  })

  it('signs out even when the server cannot be reached', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('offline'))
    await signOut()
    expect(auth.value).toBe('signedOut')
    expect(me.value).toBeNull()
  })
})
