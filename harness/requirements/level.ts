/** MUST fails the run; SHOULD warns (fails under --strict); INFO only records what the target chose. */
export type Level = 'MUST' | 'SHOULD' | 'INFO'
