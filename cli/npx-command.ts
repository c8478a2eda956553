/** How a user starts the suite, as the repro lines spell it: copy-paste works from any directory with Node.js. */
export const npxCommand = 'npx as-ping-conformance'
