// The help texts that state a rule («每补1年,等待期少1个月», «断保1年等4个月», the window's months),
// with their numbers read from the chosen policy's parameters for the benefit year asked about,
// never written into the page: a city whose wait is 2 months, or a year whose value changes, is
// described with its own numbers. Also the order of the cities and which one is the baseline,
// from what the core's policies() says (order, baseline), not from a list of ids in the page.

import { esc } from './format.js';
import { FIRST_YEAR } from './state.js';

// A parameter's value in force in `year`: the catalogue gives the newest value with the year it is
// in force from, and the earlier values (dated values) each with theirs. Undefined when the policy
// has no such parameter.
export function paramIn(pol, key, year) {
  const x = pol && pol.parameters.find((p) => p.key === key);
  if (!x) return undefined;
  if (!(x.from > year)) return x.value;
  const before = (x.earlier || []).filter((e) => !(e.from > year)).sort((a, b) => b.from - a.from)[0];
  return before ? before.value : x.value;
}
const months = (pol, key, year) => Number(paramIn(pol, key, year));

export const baselineOf = (pols) => pols.find((p) => p.baseline);

// «9月2日至12月28日» from the policy's window (month-day strings).
function windowWords(pol) {
  const md = (s) => {
    const [m, d] = String(s).split('-').map(Number);
    return `${m}月${d}日`;
  };
  return `${md(pol.window[0])}${windowGuess(pol)}至${md(pol.window[1])}`;
}

// The window's first day, when the city has not published it (Yantai gave only the closing day), is
// said to be an estimate where the window is stated, as the core's 什么时候交 says it.
export function windowGuess(pol) {
  const p = pol && pol.parameters.find((x) => x.key === 'window.start');
  return p && p.status === 'unverified' ? '(开始日期是估计的)' : '';
}

export function helpPolicy(pols) {
  const base = baselineOf(pols);
  return '选您参加居民医保的地方。各地的缴费标准和报销比例不同。' +
    (base ? `「${base.name}」只按国家文件的最低要求算,没有当地的报销标准。` : '');
}

// 补缴: how many months each repaired year takes off the wait.
export function repairRule(pol, year) {
  const per = months(pol, 'waiting.repair_months_per_year', year);
  return Number.isFinite(per) ? `每补1年,等待期少${per}个月` : '';
}

export function helpRepair(pol, year) {
  const rule = repairRule(pol, year);
  return `补缴就是把断保那几年的钱补上(按今年的个人缴费标准)${rule ? `,${rule}` : ''}。可以先看结果里的「补缴划不划算」再决定,不补就填0。`;
}

// The two readings of 「每多断保1年」 (RULES §6 A1), with what one lapsed year costs under each.
export function helpReading(pol, year) {
  const fixed = months(pol, 'waiting.fixed_months', year);
  const per = months(pol, 'waiting.variable_months_per_lapsed_year', year);
  if (!Number.isFinite(fixed) || !Number.isFinite(per)) return '';
  return `政策原文「每多断保1年,增加${per}个月等待期」有两种理解。` +
    `读法A:每个断保年都加${per}个月(断保1年等${fixed + per}个月)。` +
    `读法B:第1个断保年已由固定的${fixed}个月包含(断保1年等${fixed}个月)。` +
    '本页默认按读法A,并在结果里给出另一种读法的结果。';
}

// The glossary (先看看:几个常用词是什么意思), for the city chosen.
export function glossaryHtml(pol, year) {
  const rule = pol ? repairRule(pol, year) : '';
  const when = pol ? `${esc(pol.name)}是每年${windowWords(pol)}` : '每年秋冬';
  const words = [
    ['等待期', '交钱以后要等一段时间才能报销。等待期里看病,医保不报。'],
    ['断保', `某一年没有交居民医保。从${FIRST_YEAR}年起才算,${FIRST_YEAR}年以前的不算。`],
    ['集中参保期', `每年交下一年医保费的那段时间(${when})。在这段时间交、又没断过保,就没有等待期。`],
    ['补缴(修复)', `把断保那几年的钱补交上${rule ? `。${rule}` : ''}。`],
    ['大病保险', '住院等花费大时,基本医保报完以后,自己负担超过一定数额的部分,大病保险再报一部分。参保就有,不用另交钱。'],
    ['封顶线(限额)', '大病保险一年最多报销多少钱。连续参保、一年没报销过会提高;断保会降低。'],
    // 共济 is named in the answer's 「谁可以帮您交」 (guide.who) without saying what it is.
    ['共济(家人帮交)', '参加职工医保的家人,可以用他自己医保个人账户里的钱替您交居民医保,这叫家庭共济。有的地方要先办「共济绑定」,把您和这位家人绑在一起。'],
  ];
  return words.map(([t, d]) => `<dt>${t}</dt><dd>${d}</dd>`).join('');
}
