import { expect, test } from 'vitest'
import { closestNames } from './closest-names.js'

const known = ['pings-twice', 'pings-on-its-own', 'duration-as-string', 'duration-in-seconds', 'not-json']

test('a typo finds the name it was meant to be, the closest first', () => {
  expect(closestNames('ping-twice', known)).toEqual(['pings-twice'])
  expect(closestNames('Duration-As-Strng', known)).toEqual(['duration-as-string'])
})

test('a part of a name finds the names that contain it', () => {
  expect(closestNames('duration', known)).toEqual(['duration-as-string', 'duration-in-seconds'])
})

test('a name like none of them finds nothing', () => {
  expect(closestNames('no-such-thing', known)).toEqual([])
})
