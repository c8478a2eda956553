import type { CheckResult } from '../runner/check-result.js'
import type { TranscriptEntry } from '../harness/scenario/transcript.js'

/**
 * The transcript entry a failure is about: the exchange the check named as the one that went
 * wrong, else the only one there is. Undefined when neither says which (the check's first
 * exchange is often a passing one, so it is no stand-in).
 */
export function failingExchange(result: Pick<CheckResult, 'failure' | 'transcript'>): TranscriptEntry | undefined {
  const transcript = result.transcript ?? []
  const index = result.failure?.exchangeIndex
  if (index !== undefined) return transcript[index]
  return transcript.length === 1 ? transcript[0] : undefined
}
