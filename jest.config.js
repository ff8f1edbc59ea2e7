/** Four projects so CI can run the fast suites (`npm test`) and the system suites separately. */
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/**/*.int.spec.ts', '<rootDir>/test/contract/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/**/*.e2e.spec.ts'] },
    { ...base, displayName: 'system', testMatch: ['<rootDir>/test/system/**/*.system.spec.ts'] },
  ],
};
