// Preloaded with --require into every measured process: writes its peak RSS (KB) and CPU time (µs) on exit.
process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').writeFileSync(process.env.BENCH_USAGE_FILE, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
});
