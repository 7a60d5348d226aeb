// Wire types, named after the OpenAPI schemas (src/api/schema.d.ts is
// generated from the server's document by `npm run gen:api`).
import type { components } from './schema'

type S = components['schemas']

export type RecordBody = S['Record']
export type RecordRequest = S['RecordRequest']
export type RecordList = S['RecordList']
export type Phone = S['Phone']
export type PhoneRequest = S['PhoneRequest']
export type PhoneLabel = PhoneRequest['label']
export type Kind = RecordBody['kind']
export type SearchHit = S['SearchHit']
export type SearchResult = S['SearchResult']
export type SessionBody = S['SessionResponse']
export type User = S['User']
export type UserRequest = S['UserRequest']
export type UserList = S['UserList']
export type Colleague = S['Colleague']
export type ColleagueList = S['ColleagueList']
export type OrgBody = S['OrgBody']
export type OrgRequest = S['OrgRequest']
export type Activity = S['Activity']
export type Timeline = S['Timeline']
export type Task = S['Task']
export type TaskRequest = S['TaskRequest']
export type TaskList = S['TaskList']
export type Note = S['Note']
export type ImportReport = S['ImportReport']
export type RefusedRow = S['RefusedRow']
export type ErrorBody = S['ErrorBody']
export type APITokenBody = S['APITokenBody']
export type APITokenList = S['APITokenList']

/** One line of a streamed contact import (not in the OpenAPI document: the
 * stream is described as a string there). */
export interface ImportProgress {
  done: number
  total: number
  report?: ImportReport
}

export const KINDS: readonly Kind[] = ['contact', 'lead', 'account', 'deal']
export const PHONE_LABELS: readonly PhoneLabel[] = ['mobile', 'work', 'home', 'other']
