import { check, must } from '../../harness/scenario'

// Policy: omitting transaction_id is fine (INFO); sending null warns, since the schema types it as a string.
check('HS-PING-NO-TXN-OMITTED', async (t) => {
  const { main } = t.appservices
  const { callbacks } = await t.collectUncorrelated(() => t.ping({ appserviceId: main.id, token: main.asToken, body: {} }))
  const pings = callbacks.filter((c) => c.path === t.run.expectedPingPath)
  must.haveReceived(pings, 1, `POST ${t.run.expectedPingPath}`)
  const ping = pings[0]!
  t.note(ping.hasTransactionId ? `the homeserver sent transaction_id ${JSON.stringify(ping.transactionId)}` : 'the homeserver omitted transaction_id')
  must.hold(
    !ping.hasTransactionId || typeof ping.transactionId === 'string',
    `transaction_id was sent as ${JSON.stringify(ping.transactionId)} although the client gave none`,
    'no transaction_id key (the schema types it as a string)',
    ping.bodyText,
  )
})
