/** Every folder with code (and the package's entry file): what .dependency-cruiser.cjs rules over. */
export const layerFolders = ['index.ts', 'bin', 'cli', 'runner', 'suites', 'harness', 'reports', 'library', 'fixtures', 'scripts', 'bench', 'test'] as const
