import type { Cruise, Import } from './cruise-imports.js'
import { layerFolders } from './layer-folders.js'
import type { LayerRule, PathCondition } from './layer-rules.js'

type Folder = (typeof layerFolders)[number]

/**
 * The layers section of docs/CONTRIBUTING.md: per folder, what it imports today (from the cruise)
 * and what the rules forbid it (from .dependency-cruiser.cjs), then each rule with its reason.
 * Drawn from the rules, not restated, so the page cannot promise layers the code does not keep.
 */
export function renderLayersSection(rules: readonly LayerRule[], cruise: Cruise): string {
  const rows = layerFolders.map(
    (folder) => `| ${code(label(folder))} | ${importsToday(folder, rules, cruise) || '—'} | ${mustNotImport(folder, rules) || '—'} |`,
  )
  return [
    '<!-- Written by `npm run docs:layers` from .dependency-cruiser.cjs and the imports as they are; test/layers.test.ts fails when it drifts. -->',
    '| Folder | Imports today | Must not import (rule; what it lets through) |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'The rules (`.dependency-cruiser.cjs`, run by `test/layers.test.ts` in `npm test`):',
    ...rules.map((rule) => `- \`${rule.name}\`: ${rule.comment}.`),
  ].join('\n')
}

/** The other folders this one imports today: one file when that is all it imports there, and what lets a forbidden import through. */
function importsToday(folder: Folder, rules: readonly LayerRule[], cruise: Cruise): string {
  const outward = cruise.imports.filter((i) => folderOf(i.from) === folder && folderOf(i.to) !== folder)
  return layerFolders
    .flatMap((target) => {
      const into = outward.filter((i) => folderOf(i.to) === target)
      const files = [...new Set(into.map((i) => i.to))]
      if (files.length === 0) return []
      const shown = code(files.length === 1 ? files[0]! : label(target))
      const through = [
        ...new Set(into.flatMap((i) => rules.filter((rule) => forbidsPath(rule, i.from, i.to)).map((rule) => exemption(rule, i) ?? 'against the rules'))),
      ]
      return [through.length > 0 ? `${shown} (${through.join(', ')})` : shown]
    })
    .join(', ')
}

/** Which folders (or single files) the rules forbid this folder, those forbidden for the same reasons in one entry. */
function mustNotImport(folder: Folder, rules: readonly LayerRule[]): string {
  const from = anyFileIn(folder)
  const forbidding = (to: string) => rules.filter((rule) => forbidsPath(rule, from, to))
  const groups = new Map<string, string[]>()
  for (const target of layerFolders.filter((t) => t !== folder)) {
    const named = namedFilesIn(target, rules)
    const folderRules = forbidding(anyFileIn(target))
    const entries =
      folderRules.length > 0
        ? [
            {
              shown: `${code(label(target))}${named
                .filter((f) => forbidding(f).length === 0)
                .map((f) => ` but ${code(f)}`)
                .join('')}`,
              by: [...folderRules, ...named.flatMap(forbidding)],
            },
          ]
        : named.filter((f) => forbidding(f).length > 0).map((f) => ({ shown: code(f), by: forbidding(f) }))
    for (const { shown, by } of entries) {
      const unique = [...new Set(by)]
      const lets = [...new Set(unique.flatMap((rule) => letsThrough(rule)))]
      const why = `${unique.map((rule) => rule.name).join(', ')}${lets.length > 0 ? `; ${lets.join(', ')}` : ''}`
      groups.set(why, [...(groups.get(why) ?? []), shown])
    }
  }
  return [...groups].map(([why, targets]) => `${targets.join(', ')} (${why})`).join('; ')
}

/**
 * Whether a rule forbids an import by the two paths alone, before the exemptions it makes for
 * kinds of files (an unanchored `from.pathNot` such as `\.test\.ts$`) and kinds of import.
 * An anchored `from.pathNot` (`^cli/`) names a folder the rule does not cover at all.
 */
function forbidsPath(rule: LayerRule, from: string, to: string): boolean {
  if (rule.to.path === undefined) return false
  const folderExempt = rule.from.pathNot?.startsWith('^') ? rule.from.pathNot : undefined
  return applies({ ...rule.from, pathNot: folderExempt }, from) && applies(rule.to, to)
}

/** What lets this import through a rule that forbids its paths; undefined: nothing does, it breaks the rule. */
function exemption(rule: LayerRule, imported: Import): string | undefined {
  if (rule.from.pathNot && new RegExp(rule.from.pathNot).test(imported.from)) return `from ${code(filePattern(rule.from.pathNot))} only`
  const kinds = rule.to.dependencyTypesNot?.filter((kind) => imported.types.includes(kind)) ?? []
  return kinds.length > 0 ? `${kinds.map(kindLabel).join(', ')} only` : undefined
}

/** The exemptions a rule makes, as the table shows them. */
function letsThrough(rule: LayerRule): string[] {
  const files = rule.from.pathNot && !rule.from.pathNot.startsWith('^') ? [`${code(filePattern(rule.from.pathNot))} may`] : []
  return [...files, ...(rule.to.dependencyTypesNot ?? []).map((kind) => `${kindLabel(kind)} may`)]
}

/** dependency-cruiser's name for a kind of import, as a sentence says it: 'type-only' → 'types'. */
function kindLabel(kind: string): string {
  return kind === 'type-only' ? 'types' : `${kind} imports`
}

/** Whether a path condition holds for a file: its path matches and its pathNot does not. */
function applies(condition: PathCondition, file: string): boolean {
  return (
    (condition.path === undefined || new RegExp(condition.path).test(file)) && (condition.pathNot === undefined || !new RegExp(condition.pathNot).test(file))
  )
}

/** Stands for every file of a folder the rules do not name one by one. */
function anyFileIn(folder: Folder): string {
  return folder === 'index.ts' ? folder : `${folder}/any-file.ts`
}

/** The single files of a folder that rules name outright, e.g. `^fixtures/registry\.ts$` → fixtures/registry.ts. */
function namedFilesIn(folder: Folder, rules: readonly LayerRule[]): string[] {
  const patterns = rules.flatMap((rule) => [rule.to.path, rule.to.pathNot]).filter((p): p is string => p !== undefined)
  const files = patterns.map((p) => /^\^((?:[\w-]|\\\.|\/)+)\$$/.exec(p)?.[1]?.replace(/\\\./g, '.')).filter((f): f is string => f !== undefined)
  return [...new Set(files)].filter((file) => file.startsWith(`${folder}/`))
}

/** A file pattern anchored at the end only, as people write it: `\.test\.ts$` → `*.test.ts`. */
function filePattern(pattern: string): string {
  return `*${pattern.replace(/\$$/, '').replace(/\\\./g, '.')}`
}

function folderOf(path: string): Folder | undefined {
  return layerFolders.find((folder) => path === folder || path.startsWith(`${folder}/`))
}

function label(folder: Folder): string {
  return folder === 'index.ts' ? folder : `${folder}/`
}

function code(text: string): string {
  return `\`${text}\``
}
