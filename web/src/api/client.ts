// The API client: JSON in and out, the CSRF header on writes, one error
// type for everything that can go wrong, and a hook that lets the app ask
// the user to sign in again when the session expires, then retry.

/** ApiError is every failed request: status 0 means the server could not be
 * reached; otherwise it is the server's {error:{code,message,fields}}. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string>

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }

  /** True when the request never got an answer (offline, server down). */
  get isNetwork(): boolean {
    return this.status === 0
  }
}

export const NETWORK_MESSAGE = "Can't reach the Switchboard server. Check your connection, then try again."

/** toApiError turns anything thrown by a request into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  if (e instanceof DOMException && e.name === 'AbortError') return new ApiError(0, 'aborted', 'The request was cancelled.')
  return new ApiError(0, 'network', NETWORK_MESSAGE)
}

/** errorFromResponse reads the server's error body, tolerating bodies that
 * are not the usual JSON (a proxy's HTML page, an empty body). */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let text = ''
  try {
    text = await res.text()
  } catch {
    // the body could not be read; fall through to a generic message
  }
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; fields?: Record<string, string> } }
    if (body && body.error && typeof body.error.message === 'string') {
      return new ApiError(res.status, body.error.code || String(res.status), body.error.message, body.error.fields || {})
    }
  } catch {
    // not JSON
  }
  return new ApiError(res.status, String(res.status), genericMessage(res.status))
}

function genericMessage(status: number): string {
  if (status === 401) return 'Your session has expired; sign in again.'
  if (status === 403) return 'You are not allowed to do this.'
  if (status === 404) return 'Not found.'
  if (status === 429) return 'Too many requests; wait a moment and try again.'
  if (status >= 500) return `The server had a problem (HTTP ${status}). Try again in a moment.`
  return `The request failed (HTTP ${status}).`
}

let csrfToken = ''

/** setCsrfToken sets the token sent as X-CSRF-Token on writes. */
export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** An UnauthorizedHandler is asked what to do when a request gets 401: it
 * resolves true once the user has signed in again (the request is then
 * retried), false to give up. */
export type UnauthorizedHandler = () => Promise<boolean>

let onUnauthorized: UnauthorizedHandler | null = null

export function setUnauthorizedHandler(h: UnauthorizedHandler | null): void {
  onUnauthorized = h
}

export type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions {
  body?: unknown
  /** A raw body (a CSV file) sent as is with this content type. */
  raw?: { body: BodyInit; type: string }
  query?: Query
  signal?: AbortSignal
  accept?: string
  /** Do not ask the user to sign in again on 401 (session endpoints). */
  noReauth?: boolean
}

/** buildURL appends the query, skipping empty values. */
export function buildURL(path: string, query?: Query): string {
  if (!query) return path
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path
}

const SAFE = new Set(['GET', 'HEAD'])

/** send performs a request and returns the response when its status is
 * 2xx; it throws ApiError otherwise. A 401 asks the unauthorized handler
 * (unless noReauth) and retries once when the user signed in again. */
export async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept || 'application/json' }
  let body: BodyInit | undefined
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.type
    body = opts.raw.body
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res: Response
  try {
    res = await fetch(buildURL(path, opts.query), { method, headers, body, signal: opts.signal, credentials: 'same-origin' })
  } catch (e) {
    throw toApiError(e)
  }
  if (res.ok) return res
  const err = await errorFromResponse(res)
  if (res.status === 401 && !opts.noReauth && onUnauthorized) {
    if (await onUnauthorized()) return send(method, path, { ...opts, noReauth: true })
  }
  throw err
}

/** request sends JSON and parses the JSON answer (undefined for 204). */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts)
  if (res.status === 204) return undefined as T
  try {
    return (await res.json()) as T
  } catch {
    throw new ApiError(res.status, 'bad_response', 'The server sent an answer the app could not read. Try again.')
  }
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal })
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body })
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body })
export const del = (path: string) => request<void>('DELETE', path)

/** fieldErrorsUnder returns the field errors whose names start with
 * prefix + "." or prefix + "[", e.g. phones[0].number under "phones". */
export function fieldErrorsUnder(fields: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (k === prefix || k.startsWith(prefix + '.') || k.startsWith(prefix + '[')) out[k] = v
  }
  return out
}
