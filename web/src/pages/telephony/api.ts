// Typed calls for providers, numbers and caller IDs. They live with the
// telephony pages (loaded on demand) rather than in api/endpoints.ts, so
// the initial bundle does not carry them.
import { del, get, patch, post, request } from '../../api/client'
import type { components } from '../../api/schema'
import type { OrgBody, OrgRequest, UserList } from '../../api/types'

type S = components['schemas']
export type Provider = S['ProviderBody']
export type ProviderRequest = S['ProviderRequest']
export type NumberBody = S['NumberBody']
export type Operator = S['OperatorBody']
export type CarrierNumber = S['CarrierNumberBody']
export type AvailableNumber = S['AvailableNumberBody']
export type CallerID = S['CallerIDBody']

const P = '/api/v1/providers'
const N = '/api/v1/numbers'

export const tel = {
  providers: (signal?: AbortSignal) => get<S['ProviderList']>(P, undefined, signal),
  connect: (body: ProviderRequest) => post<Provider>(P, body),
  uninstall: (id: number) => del(`${P}/${id}`),
  test: (id: number) => post<Provider>(`${P}/${id}/test`),
  addUsers: (id: number, userIds: number[]) => post<Provider>(`${P}/${id}/users`, { user_ids: userIds }),
  removeUser: (id: number, userId: number) => del(`${P}/${id}/users/${userId}`),
  carrierNumbers: (id: number, signal?: AbortSignal) => get<S['CarrierNumberList']>(`${P}/${id}/carrier-numbers`, undefined, signal),
  available: (id: number, q: Record<string, string>, signal?: AbortSignal) =>
    get<S['AvailableNumberList']>(`${P}/${id}/available-numbers`, q, signal),
  buy: (id: number, phoneNumber: string) => post<NumberBody>(`${P}/${id}/numbers`, { phone_number: phoneNumber }),
  link: (id: number, sid: string) => post<NumberBody>(`${P}/${id}/numbers`, { sid }),

  numbers: (signal?: AbortSignal) => get<S['NumberList']>(N, undefined, signal),
  setSwitches: (id: number, body: S['NumberRequest']) => patch<NumberBody>(`${N}/${id}`, body),
  setOperators: (id: number, operators: Operator[]) => request<NumberBody>('PUT', `${N}/${id}/operators`, { body: { operators } }),
  unlink: (id: number) => del(`${N}/${id}`),

  callerIds: (signal?: AbortSignal) => get<S['CallerIDList']>('/api/v1/caller-ids', undefined, signal),
  setCallerId: (userId: number, numberId: number | null) =>
    request<CallerID>('PUT', `/api/v1/users/${userId}/caller-id`, { body: { number_id: numberId } }),

  users: (signal?: AbortSignal) => get<UserList>('/api/v1/users', undefined, signal),
  org: (signal?: AbortSignal) => get<OrgBody>('/api/v1/org', undefined, signal),
  updateOrg: (body: OrgRequest) => patch<OrgBody>('/api/v1/org', body),
}
