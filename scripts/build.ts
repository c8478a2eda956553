import { buildPackage } from './support/build-package.js'

// npm run build (and prepare): always; npm start: --if-stale, so a clone's edits are run, not the last build.
buildPackage({ force: !process.argv.includes('--if-stale') })
