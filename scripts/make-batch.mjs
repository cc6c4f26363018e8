#!/usr/bin/env node
// Writes a batch of single-person scenarios to standard output, the same for the same arguments
// (a seeded generator): the input scripts/perf times and measures the memory of, and what anyone can
// regenerate to check a figure. Valid scenarios of all three policies, with and without lapses,
// repairs, spending and late payment; about one in fifty is invalid on purpose (a payment date that
// does not exist), so the batch also exercises the error path.
//   usage: node scripts/make-batch.mjs LINES [--csv] > batch.jsonl
const lines = Number(process.argv[2]);
const csv = process.argv.includes('--csv');
if (!Number.isInteger(lines) || lines < 0) {
  console.error('usage: node scripts/make-batch.mjs LINES [--csv]');
  process.exit(2);
}

// mulberry32: small, fast, and the same sequence everywhere.
let seed = 20251231;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const pad = (n) => String(n).padStart(2, '0');

const POLICIES = [
  { id: 'zhangjiakou-2025', categories: ['adult', 'adult', 'adult', 'minor', 'student', 'university'] },
  { id: 'yantai-2025', categories: ['adult_tier1', 'adult_tier1', 'adult_tier2', 'minor', 'student'] },
  { id: 'national-2025', categories: ['adult', 'adult', 'minor', 'student'] },
];
const LEVELS = ['primary', 'secondary', 'tertiary'];

function scenario(i) {
  const policy = pick(POLICIES);
  const year = pick([2026, 2027, 2028]);
  const enrolled = [];
  for (let y = 2025; y < year; y++) enrolled.push(random() < 0.75);
  let lapsed = 0;
  for (let k = enrolled.length - 1; k >= 0 && !enrolled[k]; k--) lapsed++;
  const inWindow = random() < 0.6;
  const payment = inWindow
    ? `${year - 1}-${pick(['09', '10', '11', '12'])}-${pad(1 + Math.floor(random() * 28))}`
    : `${year}-${pad(1 + Math.floor(random() * 9))}-${pad(1 + Math.floor(random() * 28))}`;
  const member = {
    name: `居民${i + 1}`,
    category: pick(policy.categories),
    history: enrolled.map((e) => (e ? 'enrolled' : 'lapsed')),
    payment_date: random() < 0.02 ? `${year}-02-30` : payment,
    repair_years: lapsed > 0 && random() < 0.4 ? 1 + Math.floor(random() * lapsed) : 0,
    stays: [],
    outpatient: random() < 0.3 ? String(100 * (1 + Math.floor(random() * 30))) : '',
  };
  const stays = random() < 0.4 ? 1 + Math.floor(random() * 2) : 0;
  for (let k = 0; k < stays; k++) {
    member.stays.push({ level: pick(LEVELS), month: 1 + Math.floor(random() * 12), amount: String(1000 * (1 + Math.floor(random() * 60))) });
  }
  return { policy: policy.id, year, member };
}

function jsonLine({ policy, year, member: m }) {
  const spending = {};
  if (m.outpatient) spending.outpatient = m.outpatient;
  if (m.stays.length) spending.stays = m.stays;
  const member = {
    name: m.name,
    category: m.category,
    history: m.history.map((h) => ({ enrolled: h === 'enrolled' })),
    payment_date: m.payment_date,
  };
  if (m.repair_years) member.repair_years = m.repair_years;
  if (Object.keys(spending).length) member.spending = spending;
  return JSON.stringify({ policy, benefit_year: year, members: [member] });
}

function csvLine({ policy, year, member: m }) {
  const stays = m.stays.map((s) => `${s.level}:${s.month}:${s.amount}`).join(';');
  return [`P${m.name.slice(2)}`, policy, year, m.name, m.category, m.history.join(';'), m.payment_date,
    m.repair_years || '', m.outpatient, stays].join(',');
}

const out = [];
const flush = () => {
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  out.length = 0;
};
if (csv) out.push('id,policy,benefit_year,name,category,history,payment_date,repair_years,spending.outpatient,spending.stays');
for (let i = 0; i < lines; i++) {
  const s = scenario(i);
  out.push(csv ? csvLine(s) : jsonLine(s));
  if (out.length >= 4096) flush();
}
flush();
