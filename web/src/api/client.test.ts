import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildURL, errorFromResponse, fieldErrorsUnder, request, send, setCsrfToken, setUnauthorizedHandler, toApiError } from './client'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  setCsrfToken('')
  setUnauthorizedHandler(null)
})
afterEach(() => vi.unstubAllGlobals())

describe('request', () => {
  it('parses JSON and sends the CSRF token on writes only', async () => {
    setCsrfToken('tok')
    fetchMock.mockResolvedValueOnce(json(200, { items: [] })).mockResolvedValueOnce(json(201, { id: 7 }))
    expect(await request('GET', '/api/v1/contacts', { query: { prefix: 'ma', cursor: '' } })).toEqual({ items: [] })
    expect(await request('POST', '/api/v1/notes', { body: { record_id: 1, body: 'hi' } })).toEqual({ id: 7 })
    const [getURL, getInit] = fetchMock.mock.calls[0]
    expect(getURL).toBe('/api/v1/contacts?prefix=ma')
    expect(getInit.headers['X-CSRF-Token']).toBeUndefined()
    const [, postInit] = fetchMock.mock.calls[1]
    expect(postInit.headers['X-CSRF-Token']).toBe('tok')
    expect(postInit.headers['Content-Type']).toBe('application/json')
    expect(postInit.body).toBe('{"record_id":1,"body":"hi"}')
  })

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    expect(await request('DELETE', '/api/v1/notes/1')).toBeUndefined()
  })

  it('turns the error body into an ApiError with field errors', async () => {
    fetchMock.mockResolvedValueOnce(
      json(422, { error: { code: 'invalid', message: 'invalid phones[0].number: bad', fields: { 'phones[0].number': 'bad' } } }),
    )
    const err = (await request('POST', '/api/v1/contacts', { body: {} }).catch((e: ApiError) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 422, code: 'invalid', message: 'invalid phones[0].number: bad', fields: { 'phones[0].number': 'bad' } })
    expect(err.isNetwork).toBe(false)
  })

  it('reports a network failure as status 0 with a retry message', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const err = (await request('GET', '/api/v1/contacts').catch((e: ApiError) => e)) as ApiError
    expect(err).toMatchObject({ status: 0, code: 'network' })
    expect(err.isNetwork).toBe(true)
    expect(err.message).toMatch(/Can't reach the Switchboard server/)
  })

  it('copes with a non-JSON error page', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }))
    const err = (await request('GET', '/api/v1/contacts').catch((e: ApiError) => e)) as ApiError
    expect(err).toMatchObject({ status: 502, code: '502' })
    expect(err.message).toMatch(/server had a problem/)
  })

  it('reports an unreadable success body', async () => {
    fetchMock.mockResolvedValueOnce(new Response('not json', { status: 200 }))
    await expect(request('GET', '/api/v1/org')).rejects.toMatchObject({ code: 'bad_response' })
  })
})

describe('401 handling', () => {
  it('asks to sign in again, then retries once with the new token', async () => {
    setCsrfToken('old')
    const handler = vi.fn(async () => {
      setCsrfToken('new')
      return true
    })
    setUnauthorizedHandler(handler)
    fetchMock
      .mockResolvedValueOnce(json(401, { error: { code: 'unauthenticated', message: 'session expired' } }))
      .mockResolvedValueOnce(json(201, { id: 3 }))
    expect(await request('POST', '/api/v1/contacts', { body: { first_name: 'A' } })).toEqual({ id: 3 })
    expect(handler).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[1][1].headers['X-CSRF-Token']).toBe('new')
    expect(fetchMock.mock.calls[1][1].body).toBe('{"first_name":"A"}')
  })

  it('gives up when the user does not sign in', async () => {
    setUnauthorizedHandler(async () => false)
    fetchMock.mockResolvedValueOnce(json(401, { error: { code: 'unauthenticated', message: 'session expired' } }))
    await expect(request('GET', '/api/v1/contacts')).rejects.toMatchObject({ status: 401 })
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('does not loop when the retry is refused too', async () => {
    const handler = vi.fn(async () => true)
    setUnauthorizedHandler(handler)
    fetchMock.mockResolvedValue(json(401, { error: { code: 'unauthenticated', message: 'no' } }))
    await expect(send('GET', '/api/v1/contacts')).rejects.toMatchObject({ status: 401 })
    expect(handler).toHaveBeenCalledTimes(1)
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('skips the handler for session endpoints', async () => {
    const handler = vi.fn(async () => true)
    setUnauthorizedHandler(handler)
    fetchMock.mockResolvedValueOnce(json(401, { error: { code: 'unauthenticated', message: 'wrong password' } }))
    await expect(request('POST', '/api/v1/session', { body: {}, noReauth: true })).rejects.toMatchObject({ message: 'wrong password' })
    expect(handler).not.toHaveBeenCalled()
  })
})

describe('helpers', () => {
  it('buildURL skips empty values and keeps an existing query', () => {
    expect(buildURL('/a', { x: 1, y: '', z: undefined, w: false })).toBe('/a?x=1&w=false')
    expect(buildURL('/a?b=1', { c: 'd e' })).toBe('/a?b=1&c=d+e')
    expect(buildURL('/a', {})).toBe('/a')
  })

  it('errorFromResponse gives a generic message for an empty 403', async () => {
    const e = await errorFromResponse(new Response('', { status: 403 }))
    expect(e.message).toBe('You are not allowed to do this.')
  })

  it('toApiError keeps ApiErrors and wraps the rest', () => {
    const e = new ApiError(404, 'not_found', 'gone')
    expect(toApiError(e)).toBe(e)
    expect(toApiError(new DOMException('x', 'AbortError')).code).toBe('aborted')
    expect(toApiError(new Error('boom')).isNetwork).toBe(true)
  })

  it('fieldErrorsUnder picks nested field errors', () => {
    const f = { 'phones[0].number': 'bad', phones: 'too many', phone: 'x', name: 'required' }
    expect(fieldErrorsUnder(f, 'phones')).toEqual({ 'phones[0].number': 'bad', phones: 'too many' })
  })
})
