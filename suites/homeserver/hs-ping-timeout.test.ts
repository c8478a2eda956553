import { check, must } from '../../harness/scenario/index.js'

// 504: "The connection to the application service timed out." The spec sets no timeout, so the
// suite waits for the homeserver's own (--hs-timeout-ms) plus a margin: the request deadline every ping gets.
// The hanging ping is this check's head start (harness/scenario/head-start.ts): the runner sends
// it before vitest starts, so the homeserver's whole timeout overlaps the suite's startup.
export default check('HS-PING-TIMEOUT', async (t) => {
  const { exchange } = await t.headStart()
  t.note(`the homeserver answered after ${Math.round(exchange.durationMs)} ms (its timeout was given as ${t.run.hsTimeoutMs} ms)`)
  must.matchResponse(exchange, { status: 504, errcode: 'M_CONNECTION_TIMEOUT' })
})
