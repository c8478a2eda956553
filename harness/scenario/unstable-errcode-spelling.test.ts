import { describe, expect, it } from 'vitest'
import { CheckFailure } from '../assert/check-failure.js'
import type { CheckContext } from './check-context.js'
import { leaveUnstableErrcodesToOwner, unstableErrcodeSpelling, unstableErrcodesOwner } from './unstable-errcode-spelling.js'

/** A context that records what its check depends on and the causes it shows (the only parts the wrapper touches). */
function recordingContext(): { t: CheckContext; dependencies: { checkId: string; cause?: string }[]; causes: string[] } {
  const dependencies: { checkId: string; cause?: string }[] = []
  const causes: string[] = []
  const t = {
    dependOn: (checkId: string, _reason: string, cause?: string) => void dependencies.push({ checkId, ...(cause === undefined ? {} : { cause }) }),
    showCause: (cause: string) => void causes.push(cause),
  } as unknown as CheckContext
  return { t, dependencies, causes }
}

const failing = (onlyUnstableErrcodes: boolean) => () =>
  Promise.reject(new CheckFailure(['errcode'], 'M_X', 'FI.MAU.MSC2659_X', undefined, 'answer', onlyUnstableErrcodes))

describe("a failure only in MSC2659's unstable errcode spelling is left to its owner", () => {
  it("records the owner, for that cause, for another check's flagged failure, and still fails", async () => {
    const { t, dependencies, causes } = recordingContext()
    await expect(leaveUnstableErrcodesToOwner('HS-PING-TIMEOUT', failing(true))(t)).rejects.toBeInstanceOf(CheckFailure)
    expect(dependencies).toEqual([{ checkId: unstableErrcodesOwner, cause: unstableErrcodeSpelling }])
    expect(causes).toEqual([])
  })

  it("records nothing for a fault of the check's own, or a pass", async () => {
    const { t, dependencies, causes } = recordingContext()
    await expect(leaveUnstableErrcodesToOwner('HS-PING-TIMEOUT', failing(false))(t)).rejects.toBeInstanceOf(CheckFailure)
    await leaveUnstableErrcodesToOwner('HS-PING-TIMEOUT', () => Promise.resolve())(t)
    expect(dependencies).toEqual([])
    expect(causes).toEqual([])
  })

  it('has the owner show the cause when its own failure is that spelling, depending on nothing', async () => {
    const { t, dependencies, causes } = recordingContext()
    await expect(leaveUnstableErrcodesToOwner(unstableErrcodesOwner, failing(true))(t)).rejects.toBeInstanceOf(CheckFailure)
    expect(causes).toEqual([unstableErrcodeSpelling])
    expect(dependencies).toEqual([])
  })

  it('has the owner show no cause when it fails for another reason (a 500 for a 502) or passes', async () => {
    const { t, dependencies, causes } = recordingContext()
    await expect(leaveUnstableErrcodesToOwner(unstableErrcodesOwner, failing(false))(t)).rejects.toBeInstanceOf(CheckFailure)
    await leaveUnstableErrcodesToOwner(unstableErrcodesOwner, () => Promise.resolve())(t)
    expect(causes).toEqual([])
    expect(dependencies).toEqual([])
  })
})
