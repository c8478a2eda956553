import type { HomeserverRunContext } from '../run-context.js'

type Run = Pick<HomeserverRunContext, 'expectedPingPaths'>

/** Whether the homeserver called a path it may call back: the spec's, or on an unstable run MSC2659's unstable one too. */
export function isExpectedPingPath(run: Run, path: string): boolean {
  return run.expectedPingPaths.includes(path)
}

/** `POST /_matrix/app/v1/ping`, or on an unstable run `POST /_matrix/app/unstable/fi.mau.msc2659/ping or POST /_matrix/app/v1/ping`: for messages. */
export function describeExpectedPingCall(run: Run): string {
  return run.expectedPingPaths.map((path) => `POST ${path}`).join(' or ')
}
