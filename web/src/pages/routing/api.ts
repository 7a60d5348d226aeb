// Typed calls for a number's routing (R-IN, R-PLAT-4), the IVR test console
// (R-SIM-4) and uploaded audio. They live with the routing page, which is
// loaded on demand, so the initial bundle does not carry them.
import { get, post, request } from '../../api/client'
import type { components } from '../../api/schema'
import type { OrgBody, UserList } from '../../api/types'

type S = components['schemas']
export type Config = S['Config']
export type Menu = S['Menu']
export type Option = S['Option']
export type Group = S['Group']
export type Voice = S['Voice']
export type Message = S['Message']
export type Queue = S['Queue']
export type Hours = S['Hours']
export type Week = S['Week']
export type TimeRange = S['TimeRange']
export type Holiday = S['Holiday']
export type RoutingBody = S['RoutingBody']
export type VersionBody = S['VersionBody']
export type Change = S['Change']
export type NumberBody = S['NumberBody']
export type CallBody = S['CallBody']

/** An uploaded audio file (POST/GET /api/v1/audio). */
export type AudioFile = S['AudioFileBody']

/** audioType is the Content-Type to upload a file with (the MP3 and WAV
 * types the server and the carrier take), from its type or its name, or
 * null when it is neither. */
export function audioType(f: { type: string; name: string }): 'audio/mpeg' | 'audio/wav' | 'audio/x-wav' | null {
  const t = f.type.toLowerCase()
  if (t === 'audio/mpeg' || t === 'audio/mp3' || t === 'audio/mpeg3') return 'audio/mpeg'
  if (t === 'audio/wav' || t === 'audio/x-wav' || t === 'audio/wave' || t === 'audio/vnd.wave') return t === 'audio/x-wav' ? 'audio/x-wav' : 'audio/wav'
  if (t === '' || t === 'application/octet-stream') {
    if (/\.mp3$/i.test(f.name)) return 'audio/mpeg'
    if (/\.wav$/i.test(f.name)) return 'audio/wav'
  }
  return null
}

/** audioURL is where the signed-in admin can listen to an uploaded file. */
export const audioURL = (id: string) => `/api/v1/audio/${encodeURIComponent(id)}`

/** The IVR test console's request and answer (R-SIM-4). */
export type TestAgent = S['ConsoleAgentBody']
export type TestRequest = S['RoutingTestRequest']
export type TestStep = S['ConsoleStep']
export type TestResult = S['RoutingTestResult']

const N = '/api/v1/numbers'

export const rt = {
  number: (id: number, signal?: AbortSignal) => get<NumberBody>(`${N}/${id}`, undefined, signal),
  routing: (id: number, signal?: AbortSignal) => get<RoutingBody>(`${N}/${id}/routing`, undefined, signal),
  save: (id: number, c: Config) => request<RoutingBody>('PUT', `${N}/${id}/routing`, { body: c }),
  publish: (id: number) => post<VersionBody>(`${N}/${id}/routing/publish`),
  versions: (id: number, signal?: AbortSignal) => get<S['VersionList']>(`${N}/${id}/routing/versions`, undefined, signal),
  version: (id: number, v: number, signal?: AbortSignal) => get<VersionBody>(`${N}/${id}/routing/versions/${v}`, undefined, signal),
  restore: (id: number, v: number) => post<VersionBody>(`${N}/${id}/routing/versions/${v}/restore`),
  test: (id: number, body: TestRequest) => post<TestResult>(`${N}/${id}/routing/test`, body),

  users: (signal?: AbortSignal) => get<UserList>('/api/v1/users', undefined, signal),
  org: (signal?: AbortSignal) => get<OrgBody>('/api/v1/org', undefined, signal),

  audio: (signal?: AbortSignal) => get<S['AudioFileList']>('/api/v1/audio', undefined, signal),
  upload: (file: Blob, name: string, type: string) =>
    request<AudioFile>('POST', '/api/v1/audio', { raw: { body: file, type }, query: { name } }),
}
