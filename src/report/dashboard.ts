// `evalform summary --html`: one self-contained page for the reviewing office. Inline CSS, hand-written SVG and a
// few lines of script to sort the table (the page reads the same without it); no request ever leaves the page.
import type { Decimal } from 'decimal.js';
import { fixed } from '../score/number.js';
import { xmlEscape as esc } from '../xml.js';
import { MESSAGES } from './messages.js';
import type { SummaryData, SummaryGroup, SummaryRow } from './summary-data.js';

/** Amounts print every decimal they have, at least two: exact, as the forms wrote them. */
function amount(d: Decimal | undefined): string {
  return d === undefined ? '—' : fixed(d, Math.max(2, d.decimalPlaces()));
}

function percent(d: Decimal | undefined, places: number): string {
  return d === undefined ? '—' : `${fixed(d, places)}%`;
}

function points(d: Decimal | undefined, places: number): string {
  return d === undefined ? '—' : fixed(d, places);
}

const GRADE_COLOURS: Record<string, string> = { 优: '#2e7d32', 良: '#1565c0', 中: '#ef6c00', 差: '#c62828' };
const OTHER_COLOUR = '#616161';
const colourOf = (grade: string) => GRADE_COLOURS[grade] ?? OTHER_COLOUR;

/** Pixel positions are drawing, not arithmetic on money: a float is fine here. */
const px = (n: number) => (Math.round(n * 10) / 10).toString();

function gradeChart(total: SummaryGroup): string {
  const rows = total.grades;
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const barH = 26;
  const width = 420;
  const left = 48;
  const right = 56;
  const height = rows.length * (barH + 8) + 8;
  const bars = rows
    .map(([grade, n], i) => {
      const y = 8 + i * (barH + 8);
      const w = ((width - left - right) * n) / max;
      return [
        `<g class="bar" data-grade="${esc(grade)}" data-count="${n}">`,
        `<text x="${left - 10}" y="${y + barH / 2 + 5}" text-anchor="end" class="label">${esc(grade)}</text>`,
        `<rect x="${left}" y="${y}" width="${px(Math.max(w, n > 0 ? 2 : 0))}" height="${barH}" fill="${colourOf(grade)}"><title>${esc(grade)}：${n} 张表</title></rect>`,
        `<text x="${px(left + w + 6)}" y="${y + barH / 2 + 5}" class="value">${n}</text>`,
        '</g>',
      ].join('');
    })
    .join('\n');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="各等级表数">\n${bars}\n</svg>`;
}

/** 总分 bins aligned on the grade boundaries: below 60, then five points each; 95 and above in the last. */
const BINS: { lo: number; label: string }[] = [
  { lo: -Infinity, label: '<60' },
  ...[60, 65, 70, 75, 80, 85, 90].map((lo) => ({ lo, label: `${lo}–${lo + 4.99}` })),
  { lo: 95, label: '≥95' },
];

export function histogramCounts(rows: readonly SummaryRow[]): number[] {
  const counts = BINS.map(() => 0);
  for (const row of rows) {
    if (row.score === undefined) continue;
    const score = row.score;
    // The last bin whose lower bound the score reaches; the first has none.
    let at = BINS.length - 1;
    while (at > 0 && score.lt(BINS[at]!.lo)) at--;
    counts[at]!++;
  }
  return counts;
}

function histogram(rows: readonly SummaryRow[]): string {
  const counts = histogramCounts(rows);
  const max = Math.max(1, ...counts);
  const width = 520;
  const height = 240;
  const left = 36;
  const bottom = 40;
  const top = 16;
  const slot = (width - left - 8) / BINS.length;
  const plotH = height - top - bottom;
  const bars = counts
    .map((n, i) => {
      const h = (plotH * n) / max;
      const x = left + i * slot + 4;
      const y = top + plotH - h;
      const lo = BINS[i]!.lo;
      const fill = lo >= 90 ? GRADE_COLOURS.优 : lo >= 80 ? GRADE_COLOURS.良 : lo >= 60 ? GRADE_COLOURS.中 : GRADE_COLOURS.差;
      return [
        `<g class="bin" data-bin="${esc(BINS[i]!.label)}" data-count="${n}">`,
        `<rect x="${px(x)}" y="${px(y)}" width="${px(slot - 8)}" height="${px(h)}" fill="${fill}"><title>总分 ${esc(BINS[i]!.label)}：${n} 张表</title></rect>`,
        n > 0 ? `<text x="${px(x + (slot - 8) / 2)}" y="${px(y - 4)}" text-anchor="middle" class="value">${n}</text>` : '',
        `<text x="${px(x + (slot - 8) / 2)}" y="${height - bottom + 16}" text-anchor="middle" class="tick">${esc(BINS[i]!.label)}</text>`,
        '</g>',
      ].join('');
    })
    .join('\n');
  const axis = `<line x1="${left}" y1="${top + plotH}" x2="${width - 4}" y2="${top + plotH}" class="axis"/>`;
  const title = `<text x="${px(left + (width - left) / 2)}" y="${height - 6}" text-anchor="middle" class="axis-title">总分（分）</text>`;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="总分分布">\n${axis}\n${bars}\n${title}\n</svg>`;
}

function scatter(data: SummaryData): string {
  const pts = data.rows.filter((r) => r.rate !== undefined && r.score !== undefined);
  const maxRate = Math.max(100, ...pts.map((r) => Number(r.rate!.toFixed(2))));
  const minScore = Math.min(100, ...pts.map((r) => Number(r.score!.toFixed(2))));
  const xMax = Math.ceil(maxRate / 10) * 10;
  const yMin = Math.min(60, Math.floor(minScore / 10) * 10);
  const width = 720;
  const height = 400;
  const left = 48;
  const right = 16;
  const top = 16;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (rate: number) => left + (plotW * rate) / xMax;
  const y = (score: number) => top + plotH - (plotH * (Math.min(score, 100) - yMin)) / (100 - yMin);
  const grid: string[] = [];
  for (let r = 0; r <= xMax; r += 10) {
    grid.push(`<line x1="${px(x(r))}" y1="${top}" x2="${px(x(r))}" y2="${top + plotH}" class="grid"/>`);
    if (r % 20 === 0 || xMax <= 100)
      grid.push(`<text x="${px(x(r))}" y="${top + plotH + 16}" text-anchor="middle" class="tick">${r}%</text>`);
  }
  for (let s = yMin; s <= 100; s += 10) {
    grid.push(`<line x1="${left}" y1="${px(y(s))}" x2="${left + plotW}" y2="${px(y(s))}" class="grid"/>`);
    grid.push(`<text x="${left - 6}" y="${px(y(s) + 4)}" text-anchor="end" class="tick">${s}</text>`);
  }
  const line = Number(data.explainBelow.toFixed(2));
  const threshold = [
    `<line x1="${px(x(line))}" y1="${top}" x2="${px(x(line))}" y2="${top + plotH}" class="threshold" data-threshold="${esc(data.explainBelow.toFixed())}"/>`,
    `<text x="${px(x(line) - 4)}" y="${top + plotH - 6}" text-anchor="end" class="threshold-label">${esc(data.explainBelow.toFixed())}%</text>`,
  ].join('');
  const dots = pts
    .map((r) => {
      const missing = r.findings.some((f) => f.code === 'rate-explanation-missing');
      const below = r.explainBelow !== undefined && r.rate!.lt(r.explainBelow);
      const cls = missing ? 'dot missing' : below ? 'dot explained' : 'dot';
      const label = `${r.index}. ${r.project}：执行率 ${percent(r.rate, r.ratePlaces)}，总分 ${points(r.score, r.places)}${missing ? '，未说明执行率偏低的原因' : ''}`;
      return `<circle cx="${px(x(Number(r.rate!.toFixed(4))))}" cy="${px(y(Number(r.score!.toFixed(4))))}" r="4.5" class="${cls}" data-index="${r.index}"><title>${esc(label)}</title></circle>`;
    })
    .join('\n');
  const titles = [
    `<text x="${px(left + plotW / 2)}" y="${height - 6}" text-anchor="middle" class="axis-title">执行率</text>`,
    `<text x="12" y="${px(top + plotH / 2)}" text-anchor="middle" class="axis-title" transform="rotate(-90 12 ${px(top + plotH / 2)})">总分</text>`,
  ].join('');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="执行率与总分">\n${grid.join('\n')}\n${threshold}\n${dots}\n${titles}\n</svg>`;
}

/** The sums, the rate of the sums and the mean 总分; `meanLabel` where the column is headed 自评得分, not 平均得分. */
function groupCells(g: SummaryGroup, data: SummaryData, meanLabel = ''): string {
  const mean = points(g.scoreMean, data.places);
  return [
    `<td class="num" data-key="budget">${amount(g.budget)}</td>`,
    `<td class="num" data-key="executed">${amount(g.executed)}</td>`,
    `<td class="num" data-key="rate">${percent(g.rate, data.ratePlaces)}</td>`,
    `<td class="num" data-key="score">${g.scoreMean === undefined ? mean : meanLabel + mean}</td>`,
  ].join('');
}

function departmentsTable(data: SummaryData): string {
  const rows = data.departments.map(
    (g) =>
      `<tr data-department="${esc(g.department)}"><th scope="row">${esc(g.department)}</th><td class="num" data-key="forms">${g.forms}</td>${groupCells(g, data)}` +
      `<td>${g.grades
        .filter(([, n]) => n > 0)
        .map(([grade, n]) => `${esc(grade)} ${n}`)
        .join(' · ')}</td><td class="num" data-key="problems">${g.problems}</td></tr>`,
  );
  const t = data.total;
  return [
    '<table class="data" id="departments">',
    '<thead><tr><th>主管部门</th><th>表数</th><th>全年预算数（万元）</th><th>全年执行数（万元）</th><th>执行率</th><th>平均得分</th><th>等级</th><th>问题数</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    `<tfoot><tr class="total"><th scope="row">合计</th><td class="num" data-key="forms">${t.forms}</td>${groupCells(t, data)}<td>${t.grades
      .filter(([, n]) => n > 0)
      .map(([grade, n]) => `${esc(grade)} ${n}`)
      .join(' · ')}</td><td class="num" data-key="problems">${t.problems}</td></tr></tfoot>`,
    '</table>',
    '<p class="note">执行率按合计数计算：全年执行数合计 ÷ 全年预算数合计，不是各表执行率的平均。</p>',
  ].join('\n');
}

function codesTable(data: SummaryData): string {
  if (data.codes.length === 0) return '<p class="none">没有发现问题。</p>';
  const max = Math.max(...data.codes.map((c) => c.forms));
  const rows = data.codes.map((c) => {
    const w = Math.round((120 * c.forms) / max);
    return (
      `<tr data-code="${esc(c.code)}"><td><code>${esc(c.code)}</code></td><td>${esc(c.summary)}</td>` +
      `<td class="num" data-key="errors">${c.errors}</td><td class="num" data-key="warnings">${c.warnings}</td>` +
      `<td class="num" data-key="forms">${c.forms}</td>` +
      `<td><svg width="124" height="12" aria-hidden="true"><rect width="${w}" height="12" fill="${c.errors > 0 ? GRADE_COLOURS.差 : GRADE_COLOURS.中}"/></svg></td></tr>`
    );
  });
  return [
    '<table class="data" id="codes">',
    '<thead><tr><th>代码</th><th>含义</th><th>错误</th><th>警告</th><th>涉及表数</th><th></th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

function findingsCell(row: SummaryRow): string {
  if (row.findings.length === 0) return '<td class="problems">—</td>';
  const items = row.findings
    .map(
      (f) =>
        `<li class="${f.severity}"><span class="sev">${MESSAGES.zh.severity[f.severity]}</span> ${esc(f.message)} ` +
        `<span class="where">${f.place === undefined ? `${f.line}:${f.column}` : esc(f.place)} <code>${esc(f.code)}</code></span></li>`,
    )
    .join('');
  return `<td class="problems"><details><summary>${esc(row.problemsText)}</summary><ul>${items}</ul></details></td>`;
}

/** A cell the script sorts by: `data-v` holds the value (a number for numeric columns, '' when there is none). */
function cell(key: string, shown: string, value: string, cls = ''): string {
  return `<td${cls ? ` class="${cls}"` : ''} data-key="${key}" data-v="${esc(value)}">${shown}</td>`;
}

function formsTable(data: SummaryData): string {
  const body = data.rows.map((r) => {
    const name = r.link === undefined ? esc(r.project || r.file) : `<a href="${esc(r.link)}">${esc(r.project || r.file)}</a>`;
    const cls = r.errors > 0 ? ' class="has-errors"' : '';
    return [
      `<tr${cls} data-file="${esc(r.file)}">`,
      cell('index', String(r.index), String(r.index), 'num'),
      cell('department', esc(r.department), r.department),
      cell('implementer', esc(r.implementer), r.implementer),
      cell('project', `${name}<div class="file">${esc(r.file)}</div>`, r.project),
      cell(
        'budget',
        amount(r.budget) + (r.budgetColumn === 'initial' ? '<sup title="表中只有年初预算数">*</sup>' : ''),
        r.budget?.toFixed() ?? '',
        'num',
      ),
      cell('executed', amount(r.executed), r.executed?.toFixed() ?? '', 'num'),
      cell('rate', percent(r.rate, r.ratePlaces), r.rate?.toFixed() ?? '', 'num'),
      cell('score', points(r.score, r.places), r.score?.toFixed() ?? '', 'num'),
      cell('grade', esc(r.grade ?? '—'), r.grade ?? ''),
      cell('problems', String(r.problems), String(r.problems), 'num'),
      findingsCell(r),
      '</tr>',
    ].join('');
  });
  const t = data.total;
  const headers: [string, string, 'num' | 'text'][] = [
    ['index', '序号', 'num'],
    ['department', '主管部门', 'text'],
    ['implementer', '实施单位', 'text'],
    ['project', '项目名称', 'text'],
    ['budget', '全年预算数（万元）', 'num'],
    ['executed', '全年执行数（万元）', 'num'],
    ['rate', '执行率', 'num'],
    ['score', '自评得分', 'num'],
    ['grade', '等级', 'text'],
    ['problems', '问题数', 'num'],
  ];
  const head = headers.map(([key, label, type]) => `<th data-sort="${key}" data-type="${type}" scope="col">${label}</th>`).join('');
  return [
    '<table class="data" id="forms">',
    `<thead><tr>${head}<th scope="col">主要问题（点开看全部）</th></tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    `<tfoot><tr class="total"><th scope="row" colspan="4">合计 ${t.forms} 张表</th>${groupCells(t, data, '平均 ')}<td></td><td class="num" data-key="problems">${t.problems}</td><td></td></tr></tfoot>`,
    '</table>',
  ].join('\n');
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 24px; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; color: #212121; font-size: 14px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid #1565c0; padding-bottom: 4px; }
.lead { color: #555; margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; padding: 0; }
.cards div { border: 1px solid #ccc; border-radius: 6px; padding: 8px 14px; min-width: 128px; }
.cards dt { font-size: 12px; color: #555; }
.cards dd { margin: 0; font-size: 20px; font-weight: bold; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; }
figcaption { font-size: 12px; color: #444; max-width: 720px; margin-top: 4px; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg .label { font-size: 15px; font-weight: bold; }
svg .value { font-size: 12px; fill: #212121; }
svg .tick { font-size: 11px; fill: #555; }
svg .axis-title { font-size: 12px; fill: #333; }
svg .axis { stroke: #555; }
svg .grid { stroke: #e0e0e0; }
svg .threshold { stroke: #c62828; stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .threshold-label { fill: #c62828; font-size: 12px; }
svg .dot { fill: #1565c0; fill-opacity: .75; stroke: #fff; stroke-width: 1; }
svg .dot.explained { fill: #ef6c00; }
svg .dot.missing { fill: #c62828; }
.legend span { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin: 0 4px 0 10px; vertical-align: -1px; }
table.data { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.data th, table.data td { border: 1px solid #bdbdbd; padding: 4px 6px; vertical-align: top; text-align: left; }
table.data thead th { background: #eceff1; white-space: nowrap; }
table.data .num { text-align: right; white-space: nowrap; }
table.data tfoot tr { background: #f5f5f5; font-weight: bold; }
table.data tr.has-errors td:first-child { border-left: 4px solid #c62828; }
th[data-sort] { cursor: pointer; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td[data-key="project"] { min-width: 9em; }
td[data-key="department"], td[data-key="implementer"] { min-width: 6em; }
.file { font-size: 11px; color: #757575; word-break: break-all; }
td.problems { font-size: 12px; min-width: 280px; }
td.problems summary { cursor: pointer; }
td.problems ul { margin: 4px 0 0; padding-left: 18px; }
td.problems li.error .sev { color: #c62828; font-weight: bold; }
td.problems li.warning .sev { color: #ef6c00; font-weight: bold; }
.where { color: #757575; }
.note, .none { font-size: 12px; color: #555; }
a { color: #0d47a1; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 10.5px; }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  svg.chart { max-height: 62mm; width: auto; }
  .cards div { padding: 4px 10px; min-width: 0; }
  .cards dd { font-size: 15px; }
  thead { display: table-header-group; }
  th[data-sort] { cursor: auto; }
  a { color: inherit; text-decoration: none; }
}
`;

// Sorts the forms by a clicked header (again: the other way); `#sort=score-desc` in the address sorts on load.
const SCRIPT = `
(function () {
  var table = document.getElementById('forms');
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.querySelectorAll('th[data-sort]');
  function sortBy(key, dir) {
    var th = table.querySelector('th[data-sort="' + key + '"]');
    if (!th) return;
    var num = th.getAttribute('data-type') === 'num';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.querySelector('[data-key="' + key + '"]').getAttribute('data-v');
      var y = b.querySelector('[data-key="' + key + '"]').getAttribute('data-v');
      if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
      var c = num ? Number(x) - Number(y) : x.localeCompare(y, 'zh-Hans-CN');
      return dir === 'asc' ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
  }
  for (var i = 0; i < heads.length; i++) {
    heads[i].addEventListener('click', function (e) {
      var th = e.currentTarget;
      sortBy(th.getAttribute('data-sort'), th.getAttribute('aria-sort') === 'ascending' ? 'desc' : 'asc');
    });
  }
  var m = /^#sort=([a-z]+)-(asc|desc)$/.exec(location.hash);
  if (m) sortBy(m[1], m[2]);
})();
`;

export interface DashboardOptions {
  /** The evalform version, named at the foot of the page. */
  version: string;
}

/** The page. Every text from a form or a file name is escaped; the same data gives the same bytes. */
export function dashboardHtml(data: SummaryData, opts: DashboardOptions): string {
  const t = data.total;
  const years = [...new Set(data.rows.flatMap((r) => (r.year === undefined ? [] : [r.year])))].sort();
  const span = years.length <= 1 ? years.join('') : `${years[0]}—${years.at(-1)}`;
  const title = `${span === '' ? '' : `${span}年度`}项目支出绩效自评结果汇总`;
  const unscored = t.forms - t.scored;
  const card = (key: string, label: string, value: string) => `<div data-key="${key}"><dt>${label}</dt><dd>${value}</dd></div>`;
  const withMissing = data.rows.filter((r) => r.findings.some((f) => f.code === 'rate-explanation-missing')).length;
  const line = esc(data.explainBelow.toFixed());
  const initialNote = data.rows.some((r) => r.budgetColumn === 'initial')
    ? '<p class="note">* 表中只有年初预算数，执行率按年初预算数计算（initial-as-budget）。</p>'
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="lead">共 ${t.forms} 张表${unscored > 0 ? `，其中 ${unscored} 张无法读取，不计入金额和得分` : ''}；金额单位：万元。数字均由 evalform 按表中金额重新计算，不照抄表中填报的执行率和得分。</p>
<dl class="cards" id="totals">
${card('forms', '表数', String(t.forms))}
${card('budget', '全年预算数合计（万元）', amount(t.budget))}
${card('executed', '全年执行数合计（万元）', amount(t.executed))}
${card('rate', '总执行率', percent(t.rate, data.ratePlaces))}
${card('score', '平均得分', points(t.scoreMean, data.places))}
${card('errors', '错误', String(t.errors))}
${card('warnings', '警告', String(t.warnings))}
</dl>
</header>
<main>
<h2>等级与总分</h2>
<div class="charts">
<figure id="grades">${gradeChart(t)}<figcaption>各等级的表数。</figcaption></figure>
<figure id="histogram">${histogram(data.rows)}<figcaption>总分分布：60 分以下一栏，其后每 5 分一栏。</figcaption></figure>
</div>
<h2>执行率与总分</h2>
<figure id="scatter">${scatter(data)}
<figcaption>每个点是一张表。红色虚线是 ${line}% 的执行率：执行率低于它的项目，须在偏差原因（funds.deviation）中说明预算执行不到位的原因。
<span class="legend"><span style="background:#c62828"></span>低于 ${line}% 且未说明（rate-explanation-missing，${withMissing} 张）<span style="background:#ef6c00"></span>低于 ${line}%，已说明<span style="background:#1565c0"></span>其他</span></figcaption>
</figure>
<h2>按主管部门汇总</h2>
${departmentsTable(data)}
<h2>问题类型</h2>
${codesTable(data)}
<h2>各表明细</h2>
<p class="note">点击表头排序；点开“主要问题”看每张表的全部问题及其行列号。项目名称带链接的，可打开该表生成的 HTML 表格。</p>
${formsTable(data)}
${initialNote}
</main>
<footer><p class="note">由 evalform ${esc(opts.version)} 生成。</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
