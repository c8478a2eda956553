/** A fault of the suite, not of the target: the run cannot give a verdict (exit 2). */
export interface HarnessProblem {
  where: string
  message: string
}
