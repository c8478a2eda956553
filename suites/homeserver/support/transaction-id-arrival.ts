import { isPing, must, type RecordedRequest } from '../../../harness/scenario/index.js'

/**
 * The client's transaction_id must reach the appservice unchanged: `unchanged` are the calls that
 * carried it. Otherwise the failure shows what another call of the window (`others`) carried instead,
 * or that none came.
 */
export function mustHaveArrivedUnchanged(transactionId: string, unchanged: readonly RecordedRequest[], others: readonly RecordedRequest[]): void {
  // How many calls one ping makes is HS-PING-FORWARDED-ONCE's business: one that arrived unchanged passes.
  if (unchanged.length > 0) return
  const other = others.find(isPing)
  must.hold(
    false,
    other ? 'transaction_id changed on the way' : 'no call to the appservice arrived for this ping',
    JSON.stringify(transactionId),
    other ? (other.hasTransactionId ? JSON.stringify(other.transactionId) : 'no transaction_id') : 'nothing',
    undefined,
    'call',
  )
}
