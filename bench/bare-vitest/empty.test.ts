// Run by bench/bare-vitest/run-empty.mjs: the one empty test of the benchmark's baseline.
import { test } from 'vitest'

test('nothing', () => undefined)
