/** What one run of one target decided: the exit code (when the target has its own run) and each check's status. */
export interface Verdict {
  /** null: the target is graded inside a shared run (appservice variants), or the process was killed. */
  exitCode: number | null
  /** Check id → status (pass, fail, warn, skip, or how an expectation was missed). */
  checks: Record<string, string>
  /** Check id → the first words of its message, to tell why a verdict changed. */
  messages?: Record<string, string>
  /** Why the run gave no per-check verdicts, if it gave none. */
  note?: string
}

/** One repetition's verdicts, by target name. */
export type Repetition = Map<string, Verdict>

/** A check (or the exit code) whose verdict was not the same in every repetition. */
export interface Difference {
  target: string
  /** A check id, or 'exit code'. */
  what: string
  /** The verdict of each repetition, in order ('—' where the check was absent). */
  seen: string[]
  /** What each repetition said about it, where it said something. */
  said: string[]
}

/** Every verdict that differs between repetitions. */
export function differences(repetitions: readonly Repetition[]): Difference[] {
  const targets = [...new Set(repetitions.flatMap((r) => [...r.keys()]))]
  return targets.flatMap((target) => {
    const verdicts = repetitions.map((r) => r.get(target))
    const ids = [...new Set(verdicts.flatMap((v) => Object.keys(v?.checks ?? {})))].sort()
    const rows: Difference[] = ids.map((id) => ({
      target,
      what: id,
      seen: verdicts.map((v) => v?.checks[id] ?? '—'),
      said: verdicts.map((v) => v?.messages?.[id] ?? (v && !(id in v.checks) ? (v.note ?? '') : '')),
    }))
    rows.unshift({ target, what: 'exit code', seen: verdicts.map((v) => (v ? String(v.exitCode ?? '-') : '—')), said: verdicts.map((v) => v?.note ?? '') })
    return rows.filter((row) => new Set(row.seen).size > 1)
  })
}
