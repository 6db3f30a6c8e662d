import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Many tests run the real binary; a busy CI machine should not fail them for being slow.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
