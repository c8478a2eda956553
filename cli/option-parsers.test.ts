import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { maxTimeoutMs, parseHttpUrl, parseIdList, parseListen, parsePositiveInt, parseReports, parseTimeoutMs, parseVersion } from './option-parsers.js'

/** The sentence a parser rejects a value with (commander prints it after "argument … is invalid."). */
function rejection(parse: (value: string) => unknown, value: string): string {
  try {
    parse(value)
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError)
    expect((error as Error).message).not.toContain('\n')
    return (error as Error).message
  }
  throw new Error(`'${value}' was accepted`)
}

describe('parseHttpUrl', () => {
  it('accepts http(s) URLs and drops trailing slashes', () => {
    expect(parseHttpUrl('http://127.0.0.1:8008/')).toBe('http://127.0.0.1:8008')
    expect(parseHttpUrl('https://matrix.example.org/base//')).toBe('https://matrix.example.org/base')
  })

  it('refuses a URL without a scheme, saying what to write instead', () => {
    expect(rejection(parseHttpUrl, '127.0.0.1:8008')).toBe("'127.0.0.1:8008' is not a URL; give one with a scheme, e.g. http://127.0.0.1:8008")
    // Parses as the scheme 'localhost:'.
    expect(rejection(parseHttpUrl, 'localhost:8008')).toBe("'localhost:8008' must be an http:// or https:// URL, e.g. http://localhost:8008")
    expect(rejection(parseHttpUrl, 'ftp://host')).toBe("'ftp://host' must be an http:// or https:// URL")
    expect(rejection(parseHttpUrl, '')).toMatch(/is not a URL/)
  })
})

describe('parsePositiveInt and parseTimeoutMs', () => {
  it('accept positive whole numbers', () => {
    expect(parsePositiveInt('1')).toBe(1)
    expect(parseTimeoutMs('60000')).toBe(60_000)
    expect(parseTimeoutMs(String(maxTimeoutMs))).toBe(maxTimeoutMs)
  })

  it.each(['0', '-5', '1.5', '1e3', 'abc', '', ' 5', '99999999999999999999'])('refuse %j', (value) => {
    expect(rejection(parsePositiveInt, value)).toBe(`'${value}' is not a positive whole number`)
  })

  it('refuse a timeout longer than an hour (Node timers would overflow into firing at once)', () => {
    expect(rejection(parseTimeoutMs, '99999999999')).toBe(`99999999999 ms is more than an hour (at most ${maxTimeoutMs})`)
  })
})

describe('parseListen', () => {
  it('reads HOST:PORT, IPv6 in brackets', () => {
    expect(parseListen('127.0.0.1:9000')).toEqual({ host: '127.0.0.1', port: 9000 })
    expect(parseListen('[::1]:9000')).toEqual({ host: '::1', port: 9000 })
    expect(parseListen('localhost:65535')).toEqual({ host: 'localhost', port: 65535 })
  })

  it.each(['9000', 'abc', '127.0.0.1:', '127.0.0.1:99999', '127.0.0.1:0', '::1:9000', 'http://127.0.0.1:9000'])('refuses %j', (value) => {
    expect(rejection(parseListen, value)).toBe(`'${value}' is not HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:9000)`)
  })
})

describe('parseVersion', () => {
  it('accepts vMAJOR.MINOR only', () => {
    expect(parseVersion('v1.7')).toBe('v1.7')
    expect(parseVersion('v1.12')).toBe('v1.12')
    for (const value of ['1.7', 'v1', 'v1.7.1', 'r0.6.1']) expect(rejection(parseVersion, value)).toBe(`'${value}' is not a spec version like v1.7`)
  })
})

describe('parseIdList', () => {
  it('splits on commas, trimming and dropping empties', () => {
    expect(parseIdList('HS-PING-OK, HS-PING-TIMEOUT,,')).toEqual(['HS-PING-OK', 'HS-PING-TIMEOUT'])
  })
})

describe('parseReports', () => {
  it('reads FORMAT=FILE pairs', () => {
    expect(parseReports('json=out/report.json')).toEqual({ json: 'out/report.json' })
  })

  it('refuses unknown formats and missing files, listing the known formats', () => {
    expect(rejection(parseReports, 'pdf=x.pdf')).toMatch(/^'pdf=x\.pdf' is not FORMAT=FILE with a known format \(allowed: .*json/)
    expect(rejection(parseReports, 'json')).toMatch(/'json' is not FORMAT=FILE/)
    expect(rejection(parseReports, 'json=')).toMatch(/'json=' is not FORMAT=FILE/)
  })

  it('adds a repeated --report to the earlier targets', () => {
    expect(parseReports('html=r.html', { json: 'r.json' })).toEqual({ json: 'r.json', html: 'r.html' })
    expect(parseReports('json=r.json', { json: './r.json' })).toEqual({ json: 'r.json' })
  })

  it('refuses one format with two files and one file for two formats: only one report would be left', () => {
    expect(rejection((v) => parseReports(v, { json: 'a.json' }), 'json=b.json')).toBe('json is given two files, a.json and b.json; give each format one file')
    expect(rejection(parseReports, 'json=r.txt,markdown=./r.txt')).toBe('./r.txt is given for both json and markdown; give each format its own file')
    expect(rejection((v) => parseReports(v, { junit: 'out/r' }), 'html=out/r')).toBe('out/r is given for both junit and html; give each format its own file')
  })
})
