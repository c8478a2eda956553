import { check, match, must, respondOk } from '../../harness/scenario'

// Typical: AS ---> HS ping {"transaction_id": …}; HS ---> AS; HS <--- AS 200 {}; AS <--- HS 200 {"duration_ms": 123}
check('HS-PING-OK', async (t) => {
  const { exchange } = await t.pingWith(respondOk)
  must.matchResponse(exchange, {
    status: 200,
    json: [match.isObject(), match.keyType('duration_ms', 'integer'), match.that('duration_ms is negative', (j) => !(((j as { duration_ms?: number } | null)?.duration_ms ?? 0) < 0))],
  })
})
