import { describe, expect, it } from 'vitest'
import type { RecordBody } from './api/types'
import { address, emptyForm, formFromRecord, mapPhoneErrors, toRequest } from './records'

const simon: RecordBody = {
  id: 11, kind: 'contact', name: 'Simon Martin', first_name: 'Simon', last_name: 'Martin', company: 'Northwind Traders',
  title: 'Operations Lead', email: 'simon@northwind.example', street: '', city: 'Seattle', region: 'WA', postal_code: '98101',
  country: 'US', owner_id: 2, account_id: 3, contact_id: null, status: '', stage: '', amount: 0, close_date: '',
  phones: [
    { id: 1, label: 'mobile', e164: '+12065550111', raw: '+1 206 555 0111', region: 'US' },
    { id: 2, label: 'work', e164: '+12065550112', raw: '+1 206 555 0112', region: 'US' },
  ],
  created_at: '', updated_at: '',
}

describe('toRequest', () => {
  it('sends the kind’s fields and skips blank phone rows, remembering which row each number came from', () => {
    const v = { ...formFromRecord(simon) }
    v.phones = [{ label: 'home', number: '' }, ...v.phones]
    const { body, rowOf, localErrors } = toRequest('contact', v)
    expect(localErrors).toEqual({})
    expect(body.phones).toEqual([
      { label: 'mobile', number: '+1 206 555 0111' },
      { label: 'work', number: '+1 206 555 0112' },
    ])
    expect(rowOf).toEqual([1, 2])
    expect(body.account_id).toBe(3)
    expect(body).not.toHaveProperty('stage')
    expect(body).not.toHaveProperty('name')
  })

  it('converts a deal amount to cents and clears links with 0', () => {
    const v = { ...emptyForm('deal'), name: 'Big one', amount: '1,250.50' }
    const { body } = toRequest('deal', v)
    expect(body).toMatchObject({ name: 'Big one', amount: 125050, account_id: 0, contact_id: 0, stage: 'qualification' })
    expect(body).not.toHaveProperty('phones')
  })

  it('sends the owner only when one was picked', () => {
    expect(toRequest('contact', formFromRecord(simon)).body).not.toHaveProperty('owner_id')
    expect(toRequest('contact', { ...formFromRecord(simon), owner_id: '3' }).body.owner_id).toBe(3)
  })

  it('refuses a bad amount before sending', () => {
    expect(toRequest('deal', { ...emptyForm('deal'), amount: '12,5.1.1' }).localErrors).toEqual({ amount: 'must be an amount like 1250.00' })
  })
})

describe('mapPhoneErrors', () => {
  it('renames errors from the sent index to the form row', () => {
    expect(mapPhoneErrors({ 'phones[0].number': 'bad', 'phones[1]': 'dup', email: 'x' }, [1, 3])).toEqual({
      'phones[1].number': 'bad', 'phones[3]': 'dup', email: 'x',
    })
  })
})

describe('address', () => {
  it('joins the parts that are set', () => {
    expect(address(simon)).toBe('Seattle, WA 98101, US')
    expect(address({ street: '14 Martin Road', city: 'Austin', region: '', postal_code: '', country: '' })).toBe('14 Martin Road, Austin')
  })
})
