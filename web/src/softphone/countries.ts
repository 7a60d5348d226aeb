// The dial pad's country selector (R-OUT-3): ISO 3166-1 alpha-2 regions,
// named in the browser's language; the server parses the number with the
// chosen one (docs/outbound.md) and says when a code is not a region.
const CODES =
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'.split(' ')

export interface Country {
  code: string
  name: string
}

/** countries lists the regions by name, with preselect (the org's default
 * country) added if the list lacks it. */
export function countries(preselect: string, locale?: string): Country[] {
  let names: Intl.DisplayNames | null = null
  try {
    names = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' })
  } catch {
    names = null
  }
  const codes = preselect && !CODES.includes(preselect) ? [...CODES, preselect] : CODES
  return codes
    .map((code) => ({ code, name: `${names?.of(code) || code} (${code})` }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
