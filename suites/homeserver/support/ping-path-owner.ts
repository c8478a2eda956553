import { describeExpectedPingCall, isExpectedPingPath, isPing, type CheckContext, type RecordedRequest } from '../../../harness/scenario/index.js'

/**
 * Which path the homeserver calls back is HS-PING-FORWARDED-ONCE's to grade: a check that looks for
 * the call for another purpose records that its failure follows from that one when the homeserver
 * did call, but only on another ping path (MSC2659's unstable one on a run of the spec's paths, say).
 */
export function leavePingPathToForwardedOnce(t: CheckContext, callbacks: readonly RecordedRequest[]): void {
  const elsewhere = callbacks.find(isPing)
  if (!elsewhere || callbacks.some((c) => isExpectedPingPath(t.run, c.path))) return
  t.dependOn(
    'HS-PING-FORWARDED-ONCE',
    `the homeserver called ${elsewhere.method} ${elsewhere.path}, not ${describeExpectedPingCall(t.run)}, which HS-PING-FORWARDED-ONCE grades`,
  )
}
