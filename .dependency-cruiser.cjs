// Import circles, type-only imports included (`npm run lint`). ESLint's import-x/no-cycle (eslint.config.js) already
// refuses circles of runtime imports while you type; it skips `import type` by design, and every circle the
// codebase had (issue 16: the store's five files, app-core and its composition) was held together by type imports
// on one side. A circle of types is still two modules that cannot be understood or moved apart, so this check
// reads imports before TypeScript erases any (tsPreCompilationDeps) and refuses every circle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module imports itself again through its imports (types included). Move what both sides share into a module below both.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|release|node_modules|test-results|playwright-report|coverage)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
