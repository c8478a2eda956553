import { escapeHtml } from './escape-html.js'

/**
 * A whole HTML page that opens from disk or a CI artifact with no network: its CSS and script
 * inline, and a Content-Security-Policy that forbids loading anything else.
 */
export function selfContainedPage(page: { title: string; css: string; script: string; body: readonly string[] }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${page.css}</style>
</head>
<body>
${page.body.filter(Boolean).join('\n')}
<script>${page.script}</script>
</body>
</html>
`
}
