import { describe, expect, it } from 'vitest'
import { parseRoute, pathFor } from '../../router'

describe('the routing page route', () => {
  it('is under the number in Settings → Telephony', () => {
    expect(parseRoute('/settings/telephony/numbers/12/routing')).toEqual({ name: 'routing', number: 12 })
    expect(pathFor({ name: 'routing', number: 12 })).toBe('/settings/telephony/numbers/12/routing')
    expect(parseRoute('/settings/telephony/numbers/12/routing', '?view=test')).toEqual({ name: 'routing', number: 12 })
  })
  it.each(['/settings/telephony/numbers/0/routing', '/settings/telephony/numbers/x/routing', '/settings/telephony/numbers/12', '/settings/org/numbers/1/routing'])(
    '%s is not found',
    (p) => expect(parseRoute(p).name).toBe('notfound'),
  )
})
