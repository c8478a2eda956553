import { HttpResponse, type JsonBodyType } from 'msw'
import type { AppserviceCredentials } from '../appservice-run-context.js'
import type { AppserviceClient } from '../clients/appservice-client.js'
import type { HttpExchange } from '../clients/http-exchange.js'
import { bearerToken } from '../http/bearer-token.js'
import { collectQuery } from '../http/collect-query.js'
import { epochNow } from '../http/epoch-now.js'
import { isJsonObject, parseJson } from '../http/parse-json.js'
import { safeDecodeURIComponent } from '../http/safe-decode.js'
import {
  appserviceIdSegmentOf,
  dialectOfClientPingPath,
  homeserverErrcodeIn,
  stablePingFeature,
  unstablePingFeature,
  type PingDialect,
} from '../openapi/unstable-ping-endpoints.js'
import { faultAnswers, type HomeserverPlan } from './homeserver-plan.js'
import { isPingAttempt, type MockRecordedRequest, type PingRound } from './ping-round.js'

export interface MockHomeserverOptions {
  credentials: AppserviceCredentials
  /** The homeserver's ping back to the appservice, with the hs_token and the appservice's transaction_id. */
  pingBack(transactionId: string | undefined): Promise<HttpExchange>
}

/** The ping back a homeserver makes: the appservice's ping endpoint, with the hs_token and the appservice's transaction_id. */
export function pingBackThrough(client: Pick<AppserviceClient, 'ping'>, hsToken: string): MockHomeserverOptions['pingBack'] {
  return (transactionId) => client.ping({ token: hsToken, body: transactionId === undefined ? {} : { transaction_id: transactionId } })
}

/**
 * What /_matrix/client/versions advertises: the ping's version and both its feature flags, so
 * clients that feature-detect go ahead, an appservice of MSC2659's time (which knows only
 * `fi.mau.msc2659`) included.
 */
const mockVersions = {
  versions: ['v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11', 'v1.12'],
  unstable_features: { [unstablePingFeature]: true, [stablePingFeature]: true },
}

/**
 * The homeserver the appservice under test pings. It answers like a homeserver: a valid ping is
 * pinged back to the appservice and reported (`{"duration_ms": …}`), a bad one gets the Matrix
 * error a homeserver gives, and in a fault round the ping gets the injected fault instead. It
 * serves the spec's v1 path and MSC2659's unstable one alike; on the unstable one it spells the
 * errcodes MSC2659 introduced `FI.MAU.MSC2659_…`, as mautrix-go (an appservice framework of that time) knows them. It
 * records everything it receives; a check grades the recording, never the mock's own answers.
 * Served by msw handlers (see mock-homeserver-handlers.ts), in process or on a loopback port.
 */
export class MockHomeserver {
  #round: PingRound | undefined
  #waiters: (() => void)[] = []

  constructor(private readonly options: MockHomeserverOptions) {}

  /** Starts recording a round; the appservice's pings get `plan` until the round ends. */
  beginRound(plan: HomeserverPlan): void {
    this.#round = { plan, requests: [] }
  }

  /**
   * Resolves true once a ping attempt of this round has been answered (or met its fault), false
   * after timeoutMs or once `givenUp` settles (e.g. the appservice's process has ended).
   */
  async waitForPing(timeoutMs: number, givenUp?: Promise<unknown>): Promise<boolean> {
    const answered = () => this.#round?.requests.some((r) => isPingAttempt(r) && (r.answer !== undefined || this.#round?.plan === 'unreachable')) ?? false
    if (answered()) return true
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs)
      void givenUp?.then(() => done(answered()))
      const check = () => answered() && done(true)
      const done = (value: boolean) => {
        clearTimeout(timer)
        this.#waiters = this.#waiters.filter((w) => w !== check)
        resolve(value)
      }
      this.#waiters.push(check)
    })
  }

  /** Ends the round and returns its recording; pings outside a round are answered normally and not kept. */
  endRound(): PingRound {
    const round = this.#round ?? { plan: 'answer', requests: [] }
    this.#round = undefined
    return round
  }

  /** The msw resolver: records the request and answers it. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const recorded: MockRecordedRequest = {
      method: request.method,
      rawPath: url.pathname,
      query: collectQuery(url),
      headers: Object.fromEntries(request.headers),
      bodyText: await request.text(),
      receivedAt: epochNow(),
    }
    const round = this.#round
    round?.requests.push(recorded)
    const plan = round?.plan ?? 'answer'
    const answer = await this.#answer(recorded, plan, round)
    if (answer) recorded.answer = { status: answer.status, bodyText: JSON.stringify(answer.body) }
    for (const waiter of [...this.#waiters]) waiter()
    return answer ? HttpResponse.json(answer.body, { status: answer.status }) : HttpResponse.error()
  }

  async #answer(request: MockRecordedRequest, plan: HomeserverPlan, round: PingRound | undefined): Promise<Answer | undefined> {
    if (request.rawPath === '/_matrix/client/versions' && request.method === 'GET') return { status: 200, body: mockVersions }
    const dialect = dialectOfClientPingPath(request.rawPath)
    if (!dialect) return matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request')
    if (request.method !== 'POST') return matrixError(405, 'M_UNRECOGNIZED', 'Unrecognized request')
    const refusal = this.#refuse(request, appserviceIdSegmentOf(request.rawPath)!)
    if (refusal) return refusal
    if (plan === 'unreachable') return undefined
    if (plan !== 'answer') return inDialect(dialect, faultAnswers[plan])
    return inDialect(dialect, await this.#pingBack(request, round))
  }

  /** The ping back, and the answer a homeserver gives for what came of it. */
  async #pingBack(request: MockRecordedRequest, round: PingRound | undefined): Promise<Answer> {
    const transactionId = (parseJson(request.bodyText) as { transaction_id?: string }).transaction_id
    const pingBack = await this.options.pingBack(transactionId)
    if (round) round.pingBack = pingBack
    const response = pingBack.response
    if (!response) return matrixError(502, 'M_CONNECTION_FAILED', `Connection to the application service failed: ${pingBack.error}`)
    if (response.status >= 200 && response.status < 300) return { status: 200, body: { duration_ms: Math.floor(pingBack.durationMs) } }
    return {
      status: 502,
      body: { errcode: 'M_BAD_STATUS', error: `Ping returned status ${response.status}`, status: response.status, body: response.bodyText },
    }
  }

  /** The checks a homeserver makes before it pings back (v1.7–v1.19: the token may also come in the query). */
  #refuse(request: MockRecordedRequest, rawId: string): Answer | undefined {
    const { asToken, asId } = this.options.credentials
    const header = request.headers.authorization
    const token = bearerToken(header) ?? request.query.access_token?.[0]
    if (token === undefined) return matrixError(401, 'M_MISSING_TOKEN', 'Missing access token')
    if (token !== asToken) return matrixError(401, 'M_UNKNOWN_TOKEN', 'Unknown access token')
    if (safeDecodeURIComponent(rawId) !== asId) return matrixError(403, 'M_FORBIDDEN', 'Appservices can only ping themselves')
    const body = parseJson(request.bodyText)
    if (body === undefined) return matrixError(400, 'M_NOT_JSON', 'Content not JSON')
    if (!isJsonObject(body)) return matrixError(400, 'M_BAD_JSON', 'Content must be a JSON object')
    if ('transaction_id' in body && typeof body.transaction_id !== 'string') return matrixError(400, 'M_BAD_JSON', 'transaction_id must be a string')
    return undefined
  }
}

interface Answer {
  status: number
  body: JsonBodyType
}

function matrixError(status: number, errcode: string, error: string): Answer {
  return { status, body: { errcode, error } }
}

/** The answer as a homeserver serving the dialect's path spelled it: FI.MAU.MSC2659_BAD_STATUS on the unstable one. */
function inDialect(dialect: PingDialect, answer: Answer): Answer {
  const body = answer.body as { errcode?: unknown }
  if (typeof body.errcode !== 'string') return answer
  return { ...answer, body: { ...body, errcode: homeserverErrcodeIn(dialect, body.errcode) } }
}
