import { describe, expect, it } from 'vitest'
import type { SearchHit } from './api/types'
import { flatten, groupHits, hitDetail, hitKey, normaliseQuery, phoneText } from './search'

const phone = (id: number, label: 'mobile' | 'work', raw: string) => ({ id, label, raw, e164: raw.replace(/ /g, ''), region: 'US' })
const hit = (record_id: number, kind: SearchHit['kind'], name: string, p: SearchHit['phone'] = null, extra: Partial<SearchHit> = {}): SearchHit => ({
  record_id, kind, name, company: '', address: '', phone: p, ...extra,
})

// What the demo answers for "Mar" (R-CRM-4), in the server's order.
const mar: SearchHit[] = [
  hit(1, 'account', 'Marcom', phone(1, 'mobile', '+1 415 555 0100'), { address: '400 Pine Street, San Francisco' }),
  hit(9, 'contact', 'Margaret Smith', phone(9, 'mobile', '+1 415 555 0101'), { company: 'Marcom' }),
  hit(10, 'contact', 'Mark Jones', phone(10, 'mobile', '+1 541 555 0121'), { company: 'Globex' }),
  hit(11, 'contact', 'Simon Martin', phone(11, 'mobile', '+1 206 555 0111'), { company: 'Northwind Traders' }),
  hit(11, 'contact', 'Simon Martin', phone(12, 'work', '+1 206 555 0112'), { company: 'Northwind Traders' }),
  hit(12, 'contact', 'Priya Patel', phone(13, 'mobile', '+1 512 555 0131'), { company: 'Initech', address: '14 Martin Road, Austin' }),
  hit(40, 'deal', 'Marcom rollout'),
  hit(30, 'lead', 'Mara Lopez', phone(30, 'mobile', '+1 415 555 0191')),
]

describe('groupHits', () => {
  it('groups contacts, leads, accounts, deals in that order, keeping the server order inside', () => {
    const groups = groupHits(mar)
    expect(groups.map((g) => [g.label, g.hits.map((h) => h.name)])).toEqual([
      ['Contacts', ['Margaret Smith', 'Mark Jones', 'Simon Martin', 'Simon Martin', 'Priya Patel']],
      ['Leads', ['Mara Lopez']],
      ['Accounts', ['Marcom']],
      ['Deals', ['Marcom rollout']],
    ])
  })

  it('leaves out empty groups', () => {
    expect(groupHits([]).length).toBe(0)
    expect(groupHits([mar[0]]).map((g) => g.kind)).toEqual(['account'])
  })

  it('flatten follows the display order', () => {
    expect(flatten(groupHits(mar)).map((h) => h.record_id)).toEqual([9, 10, 11, 11, 12, 30, 1, 40])
  })

  it('gives one key per number, so a person with two numbers is two rows', () => {
    const keys = mar.map(hitKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(hitKey(mar[6])).toBe('40:-')
  })
})

describe('display', () => {
  it('hitDetail joins company and address', () => {
    expect(hitDetail(mar[5])).toBe('Initech · 14 Martin Road, Austin')
    expect(hitDetail(mar[6])).toBe('')
  })
  it('phoneText shows the label and the number as typed', () => {
    expect(phoneText(mar[4].phone)).toBe('work: +1 206 555 0112')
    expect(phoneText({ label: 'home', raw: '', e164: '+33142685300' })).toBe('home: +33142685300')
    expect(phoneText(null)).toBe('')
  })
  it('normaliseQuery needs two characters and caps the length', () => {
    expect(normaliseQuery(' M ')).toBeNull()
    expect(normaliseQuery('Mar ')).toBe('Mar')
    expect(normaliseQuery('x'.repeat(150))!.length).toBe(100)
  })
})
