// Hand-made ScoreResults of the seed's two tables, for render tests that must not depend on the engine.
import { Decimal } from 'decimal.js';
import { FUNDS_ROWS, LEVEL1_LABEL, LEVEL2_LABEL } from '../src/model/labels.js';
import type { Form, FundsRowResult, IndicatorResult, Level1, Level2, Rules, ScoreResult } from '../src/model/types.js';

const d = (s: string | number): Decimal => new Decimal(String(s));

export const RULES: Rules = {
  preset: 'mof',
  weights: { funds: d(10), output: d(50), outcome: d(30), satisfaction: d(10) },
  places: 2,
  rate_places: 2,
  rounding: 'half-up',
  negative: 'ratio',
  bands: { achieved: d(80), partial: d(60) },
  overachievement: d(130),
  explain_rate_below: d(90),
  rate_caps: [],
  grades: [{ min: d(90), grade: '优' }, { min: d(80), grade: '良' }, { min: d(60), grade: '中' }, { min: d(0), grade: '差' }],
  severity: {},
};

type Ind = [Level1, Level2, string, string, number, number?];

function make(o: {
  project: string;
  money: [string, string, string];
  weights: Ind[];
  expected: string;
  actual: string;
}): ScoreResult {
  const [initial, annual, executed] = o.money.map(d) as [Decimal, Decimal, Decimal];
  const rate = executed.div(annual).times(100);
  const fundsScore = d(10).times(Decimal.min(rate.div(100), 1)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const indicators: IndicatorResult[] = o.weights.map(([l1, l2, target, actual, w, score], index) => ({
    path: `/indicators/${l1}/${l2}/0`,
    level1: l1,
    level2: l2,
    level1Label: LEVEL1_LABEL[l1],
    level2Label: LEVEL2_LABEL[l2],
    name: LEVEL2_LABEL[l2],
    target,
    actual,
    weight: d(w),
    score: target === '/' ? undefined : d(score ?? w),
    method: target === '/' ? 'not-applicable' : 'qualitative',
    deviation: index === 0 ? '' : '',
  }));
  const total = indicators.reduce((s, i) => s.plus(i.score ?? 0), fundsScore);
  const rows: FundsRowResult[] = FUNDS_ROWS.map(({ key, label }) =>
    key === 'total' || key === 'appropriation'
      ? { key, label, present: true, initial, annual, executed, computedRate: rate, computed: key === 'total' }
      : { key, label, present: false },
  );
  const form: Form = {
    evalform: 1,
    year: 2022,
    project: o.project,
    department: '湖南省信访局',
    implementer: '湖南省信访局本级',
    funds: {
      unit: '万元',
      weight: d(10),
      rows: Object.fromEntries(rows.map((r) => [r.key, r])) as unknown as Form["funds"]["rows"],
      deviation: '',
    },
    goals: { expected: o.expected, actual: o.actual },
    indicators: [],
    signoff: { preparer: '范建平', date: '2023-05-22', phone: '81125819', head: '' },
  };
  return {
    file: `${o.project}.yaml`,
    form,
    rules: RULES,
    funds: {
      unit: '万元',
      weight: d(10),
      rows,
      rate,
      rateRounded: rate.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
      score: fundsScore,
      deviation: '',
    },
    indicators,
    weightTotal: indicators.reduce((s, i) => s.plus(i.weight), d(10)),
    total,
    totalCheck: undefined,
    grade: total.gte(90) ? '优' : '良',
  };
}

const ACTUAL = '2022年，全省信访系统在省委省政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导。\n中央主要媒体对我省信访工作的宣传报道力度空前。';

export function seedBusiness(): ScoreResult {
  return make({
    project: '业务工作经费',
    money: ['1234.22', '1983.98', '1472.51'],
    expected: '坚持习近平总书记“以人民为中心”的思想为指导，严格落实关于信访工作的批示指示精神。一是加快智慧信访信息化建设。',
    actual: ACTUAL,
    weights: [
      ['output', 'quantity', '加大信访积案化解力度，2023年信访总量总体下降到25%以上。', '完成全年工作任务', 10],
      ['output', 'quality', '全年化解重复信访、化解信访积案率达到85%以上。', '完成全年工作任务', 20],
      ['output', 'timeliness', '2022年度信访工作完成出色，工作完成率达到90%以上。', '完成全年工作任务', 10],
      ['output', 'cost', '2022年度业务工作费用1234.22万元', '实际支出1472.51万元', 10],
      ['outcome', 'economic', '一是建立健全基层信访工作网络。', '完成全年工作任务', 10],
      ['outcome', 'social', '有效解决信访重点领域、重点群众、重点人员的信访问题，保持社会稳定。', '完成全年工作任务', 5],
      ['outcome', 'ecological', '一是加强网上信访和群众“人民来信”信访渠道建设。', '完成全年工作任务', 5],
      ['outcome', 'sustainability', '一是保障信访工作的连续性。', '完成全年工作任务', 10],
      ['satisfaction', 'beneficiary', '信访人满意度达到90以上。', '群众满意度评价90%以上。', 10],
    ],
  });
}

export function seedOperations(): ScoreResult {
  return make({
    project: '运行维护经费',
    money: ['175.1', '288', '259.49'],
    expected: '长沙分流中心高度各市州驻长办事处、信访工作组及时做好接访劝返带离工作。',
    actual: ACTUAL,
    weights: [
      ['output', 'quantity', '积极配合驻京工作机构，做好分流中心的各项工作。', '完成全年工作', 10],
      ['output', 'quality', '保障2022年局机关信息技术正常运转。', '完成全年工作', 20],
      ['output', 'timeliness', '2022年度工作有效落实，完成各项任务优秀', '完成全年工作', 10],
      ['output', 'cost', '2022年运行维护经费年初预算175.1万元，调整预算288万元。', '实际完成预算', 10],
      ['outcome', 'economic', '进一步加强信访制度改革。', '完成全年工作', 10],
      ['outcome', 'social', '有效解决信访问题，维护社会稳定。', '完成全年工作', 10],
      ['outcome', 'ecological', '加强网上信访建设和群众来信。', '完成全年工作', 5],
      ['outcome', 'sustainability', '确保信访工作的连续性。', '完成全年工作', 5],
      ['satisfaction', 'beneficiary', '群众满意度评价达到90%以上。', '群众满意度评价达90%以上。', 10],
    ],
  });
}
