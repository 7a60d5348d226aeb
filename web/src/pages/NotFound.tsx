import { Link, PageHeading } from '../components/ui'
import { useTitle } from '../hooks'

export function NotFound() {
  useTitle('Not found')
  return (
    <section>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is no page at this address. Go to <Link href="/contacts">Contacts</Link>.
      </p>
    </section>
  )
}
