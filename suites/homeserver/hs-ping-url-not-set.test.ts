import { check } from '../../harness/scenario/index.js'
import { mustRejectWithoutCallOut } from './support/rejected-without-call-out.js'

// 400: "The application service doesn't have a URL configured. The errcode is M_URL_NOT_SET." — and nothing is called.
export default check('HS-PING-URL-NOT-SET', async (t) => {
  const { noUrl } = t.appservices
  const ping = { name: `${noUrl.id} (url: null)`, options: { appserviceId: noUrl.id, token: noUrl.asToken, body: { transaction_id: t.txn() } } }
  await mustRejectWithoutCallOut(t, [ping], { status: 400, errcode: 'M_URL_NOT_SET' }, 'an appservice without a url must not be called')
})
