import { check, must } from '../../harness/scenario/index.js'

// M_UNRECOGNIZED: "… a 405 HTTP status code if the endpoint is implemented, but the incorrect HTTP method is used."
export default check('HS-PING-WRONG-METHOD', async (t) => {
  const { main } = t.appservices
  const methods = ['GET', 'PUT', 'DELETE']
  const exchanges = await Promise.all(
    methods.map((method) => t.ping({ appserviceId: main.id, token: main.asToken, method, body: { transaction_id: t.txn() } })),
  )
  must.matchEach(methods.map((method, i) => ({ name: method, exchange: exchanges[i]!, want: { status: 405, errcode: 'M_UNRECOGNIZED' } })))
})
