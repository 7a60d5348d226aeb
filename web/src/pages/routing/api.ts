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
export interface AudioFile {
  id: string
  name: string
  content_type: string
  size: number
  created_at: string
}

/** How a simulated agent is set up for a test call. */
export interface TestAgent {
  user_id: number
  status: 'online' | 'offline' | 'busy'
  answer: 'answer' | 'reject' | 'ignore'
}

/** The body of POST …/routing/test: a simulated call to the saved draft. */
export interface TestRequest {
  /** The caller's number; empty for a withheld caller. */
  from: string
  /** Org-local wall clock "YYYY-MM-DDTHH:MM"; empty for now. */
  at: string
  /** One key per successive menu prompt. */
  keys: string[]
  agents: TestAgent[]
  hangup_after_seconds: number
}

/** One thing that happened during a test call. */
export interface TestStep {
  offset_seconds: number
  kind: string
  text?: string
  url?: string
  digits?: string
  party?: string
  status?: string
}

/** What a test call did, step by step. */
export interface TestResult {
  steps: TestStep[]
  outcome: string
  answered_by: number | null
  call?: CallBody | null
  text: string
}

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

  audio: (signal?: AbortSignal) => get<{ items: AudioFile[] }>('/api/v1/audio', undefined, signal),
  upload: (file: File) =>
    request<AudioFile>('POST', '/api/v1/audio', { raw: { body: file, type: file.type }, query: { name: file.name } }),
}
