// Typed calls for each endpoint the app uses.
import { del, get, patch, post, request, send, type Query } from './client'
import type {
  APITokenBody, APITokenList, Kind, Note, OrgBody, OrgRequest, RecordBody, RecordList, RecordRequest, SearchResult, SessionBody, Task,
  ColleagueList, TaskList, TaskRequest, Timeline, User, UserList, UserRequest,
} from './types'
import type { CallEntryList, CallSummary, SummaryRequest } from '../softphone/summary'
import type { CallEntry, CallList } from '../calllog'
import type { DeviceAction, DeviceInfo, HeartbeatBody, MissedList, PhoneCall, PlaceCallRequest, PlacedCall, Presence } from '../softphone/types'

const base = (kind: Kind) => `/api/v1/${kind}s`

export interface ListQuery {
  prefix?: string
  status?: string
  stage?: string
  account_id?: number
  owner_id?: number
  cursor?: string
  limit?: number
}

export const api = {
  session: () => request<SessionBody>('GET', '/api/v1/session', { noReauth: true }),
  signIn: (email: string, password: string) =>
    request<SessionBody>('POST', '/api/v1/session', { body: { email, password }, noReauth: true }),
  signOut: () => request<void>('DELETE', '/api/v1/session', { noReauth: true }),

  records: (kind: Kind, q: ListQuery, signal?: AbortSignal) => get<RecordList>(base(kind), { ...q }, signal),
  record: (kind: Kind, id: number, signal?: AbortSignal) => get<RecordBody>(`${base(kind)}/${id}`, undefined, signal),
  createRecord: (kind: Kind, body: RecordRequest) => post<RecordBody>(base(kind), body),
  updateRecord: (kind: Kind, id: number, body: RecordRequest) => patch<RecordBody>(`${base(kind)}/${id}`, body),
  deleteRecord: (kind: Kind, id: number) => del(`${base(kind)}/${id}`),

  timeline: (id: number, cursor?: string, signal?: AbortSignal) =>
    get<Timeline>(`/api/v1/records/${id}/timeline`, { cursor, limit: 50 }, signal),
  createNote: (recordId: number, body: string) => post<Note>('/api/v1/notes', { record_id: recordId, body }),
  deleteNote: (id: number) => del(`/api/v1/notes/${id}`),

  tasks: (q: { assignee?: string; due?: string; done?: string; record_id?: number; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    get<TaskList>('/api/v1/tasks', q, signal),
  createTask: (body: TaskRequest) => post<Task>('/api/v1/tasks', body),
  updateTask: (id: number, body: TaskRequest) => patch<Task>(`/api/v1/tasks/${id}`, body),
  deleteTask: (id: number) => del(`/api/v1/tasks/${id}`),

  tokens: () => get<APITokenList>('/api/v1/tokens'),
  createToken: (name: string) => post<APITokenBody>('/api/v1/tokens', { name }),
  deleteToken: (id: number) => del(`/api/v1/tokens/${id}`),

  search: (q: string, signal?: AbortSignal) => get<SearchResult>('/api/v1/search', { q, limit: 30 }, signal),

  users: () => get<UserList>('/api/v1/users'),
  /** members are my colleagues' names, for any member. */
  members: () => get<ColleagueList>('/api/v1/members'),
  createUser: (body: UserRequest) => post<User>('/api/v1/users', body),
  updateUser: (id: number, body: UserRequest) => patch<User>(`/api/v1/users/${id}`, body),
  org: () => get<OrgBody>('/api/v1/org'),
  updateOrg: (body: OrgRequest) => patch<OrgBody>('/api/v1/org', body),

  // The softphone (docs/softphone.md, docs/events.md).
  softphone: () => get<DeviceInfo>('/api/v1/softphone'),
  /** softphoneAction answers 202 with no body. */
  softphoneAction: async (body: DeviceAction): Promise<void> => {
    await send('POST', '/api/v1/softphone/actions', { body })
  },
  setMyStatus: (status: 'online' | 'offline') => request<Presence>('PUT', '/api/v1/presence/me', { body: { status } }),
  heartbeat: () => request<HeartbeatBody>('POST', '/api/v1/presence/heartbeat', { noReauth: true }),
  holdCall: (id: number, hold: boolean) => post<PhoneCall>(`/api/v1/calls/${id}/hold`, { hold }),
  muteCall: (id: number, muted: boolean) => post<PhoneCall>(`/api/v1/calls/${id}/mute`, { muted }),
  callNotes: (id: number, notes: string) => request<PhoneCall>('PUT', `/api/v1/calls/${id}/notes`, { body: { notes } }),
  forwardCall: (id: number) => post<PhoneCall>(`/api/v1/calls/${id}/forward`),
  /** hangupCall ends my part in a call at the carrier, whichever device holds it
   * (my browser, or my own phone for "call me first"); answers 202, the end comes by events. */
  hangupCall: async (id: number): Promise<void> => {
    await send('POST', `/api/v1/calls/${id}/hangup`)
  },
  missedCalls: (q: { limit?: number; before?: string }, signal?: AbortSignal) => get<MissedList>('/api/v1/calls/missed', q, signal),
  missedSeen: () => post<void>('/api/v1/calls/missed/seen'),
  // The call log and recordings (decision 0024).
  callLog: (q: Query, signal?: AbortSignal) => get<CallList>('/api/v1/calls', q, signal),
  call: (id: number, signal?: AbortSignal) => get<CallEntry>(`/api/v1/calls/${id}`, undefined, signal),
  /** deleteRecording deletes it at the carrier and answers the call with its tombstone. */
  deleteRecording: (id: number) => request<CallEntry>('DELETE', `/api/v1/calls/${id}/recording`),
  /** placeCall calls a number from my caller ID (docs/outbound.md). */
  placeCall: (body: PlaceCallRequest) => post<PlacedCall>('/api/v1/calls', body),

  // After the call (R-POST-1): the org's outcomes, a call's summary, my calls needing an outcome.
  outcomes: () => get<{ outcomes: string[] }>('/api/v1/org/outcomes'),
  setOutcomes: (outcomes: string[]) => request<{ outcomes: string[] }>('PUT', '/api/v1/org/outcomes', { body: { outcomes } }),
  callSummary: (id: number, signal?: AbortSignal) => get<CallSummary>(`/api/v1/calls/${id}/summary`, undefined, signal),
  saveSummary: (id: number, body: SummaryRequest) => request<CallSummary>('PUT', `/api/v1/calls/${id}/summary`, { body }),
  needsOutcome: (agent: number, signal?: AbortSignal) =>
    get<CallEntryList>('/api/v1/calls', { needs_outcome: true, agent, limit: 50 }, signal),

  /** importStream posts a CSV file asking for NDJSON progress. */
  importStream: (file: Blob) =>
    send('POST', '/api/v1/contacts/import', { raw: { body: file, type: 'text/csv' }, accept: 'application/x-ndjson' }),
}
