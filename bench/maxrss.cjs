// Peak-memory probe for machines without /usr/bin/time: preloaded with --require, writes this process's peak RSS (KB).
process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
