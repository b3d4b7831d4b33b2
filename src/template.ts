// The national template (国办公开办函〔2019〕60号 and 〔2021〕30号) as data:
// row and column labels of tables 二, 三 and 四 and the canonical field ids
// of spec/fields.md. Labels here are in the normalised form of labels.ts.

import type { TemplateVersion } from './types.js';

/** Table 三 columns, in template order. */
export const APPS_COLUMNS = [
  { id: 'natural', label: '自然人' },
  { id: 'commercial', label: '商业企业' },
  { id: 'research', label: '科研机构' },
  { id: 'nonprofit', label: '社会公益组织' },
  { id: 'legal_service', label: '法律服务机构' },
  { id: 'other_org', label: '其他' },
  { id: 'total', label: '总计' },
] as const;

export type AppsColumn = (typeof APPS_COLUMNS)[number]['id'];

/** Words of table 三's header (its columns and their groups): labels that name no row. */
export const APPS_HEADER_WORDS: ReadonlySet<string> = new Set<string>([...APPS_COLUMNS.map((c) => c.label), '法人或其他组织', '申请人情况']);

export interface AppsRow {
  id: string;
  /** The row's own label (sub-row label for grouped rows). */
  label: string;
  /** The group heading the row sits under, if any. */
  group?: string;
  /** Template versions that have the row. */
  versions: Array<'2019' | '2021'>;
}

const BOTH: Array<'2019' | '2021'> = ['2019', '2021'];
const G3 = '本年度办理结果';

/** Table 三 rows that carry numbers, in template order. */
export const APPS_ROWS: AppsRow[] = [
  { id: 'new', label: '本年新收政府信息公开申请数量', versions: BOTH },
  { id: 'carried_in', label: '上年结转政府信息公开申请数量', versions: BOTH },
  { id: 'granted', label: '予以公开', group: G3, versions: BOTH },
  { id: 'partial', label: '部分公开', group: G3, versions: BOTH },
  { id: 'denied.state_secret', label: '属于国家秘密', group: '不予公开', versions: BOTH },
  { id: 'denied.law_forbidden', label: '其他法律行政法规禁止公开', group: '不予公开', versions: BOTH },
  { id: 'denied.safety_stability', label: '危及"三安全一稳定"', group: '不予公开', versions: BOTH },
  { id: 'denied.third_party', label: '保护第三方合法权益', group: '不予公开', versions: BOTH },
  { id: 'denied.internal_affairs', label: '属于三类内部事务信息', group: '不予公开', versions: BOTH },
  { id: 'denied.process_info', label: '属于四类过程性信息', group: '不予公开', versions: BOTH },
  { id: 'denied.enforcement_case', label: '属于行政执法案卷', group: '不予公开', versions: BOTH },
  { id: 'denied.admin_query', label: '属于行政查询事项', group: '不予公开', versions: BOTH },
  { id: 'unable.not_held', label: '本机关不掌握相关政府信息', group: '无法提供', versions: BOTH },
  { id: 'unable.needs_creation', label: '没有现成信息需要另行制作', group: '无法提供', versions: BOTH },
  { id: 'unable.unclear', label: '补正后申请内容仍不明确', group: '无法提供', versions: BOTH },
  { id: 'not_processed.complaint', label: '信访举报投诉类申请', group: '不予处理', versions: BOTH },
  { id: 'not_processed.repeat', label: '重复申请', group: '不予处理', versions: BOTH },
  { id: 'not_processed.publication', label: '要求提供公开出版物', group: '不予处理', versions: BOTH },
  { id: 'not_processed.massive', label: '无正当理由大量反复申请', group: '不予处理', versions: BOTH },
  { id: 'not_processed.confirm', label: '要求行政机关确认或重新出具已获取信息', group: '不予处理', versions: BOTH },
  { id: 'other', label: '其他处理', group: G3, versions: ['2019'] },
  {
    id: 'other.no_correction',
    label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    group: '其他处理',
    versions: ['2021'],
  },
  {
    id: 'other.unpaid_fee',
    label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    group: '其他处理',
    versions: ['2021'],
  },
  { id: 'other.misc', label: '其他', group: '其他处理', versions: ['2021'] },
  { id: 'result_total', label: '总计', group: G3, versions: BOTH },
  { id: 'carried_out', label: '结转下年度继续办理', versions: BOTH },
];

/** Labels of table 三 rows that head a group and carry no numbers. */
export const APPS_GROUP_LABELS = ['本年度办理结果', '不予公开', '无法提供', '不予处理', '其他处理'];

/** Table 四: 15 numbers in one data row. */
export const REVIEW_GROUPS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const REVIEW_COLUMNS = [
  { id: 'upheld', label: '结果维持' },
  { id: 'corrected', label: '结果纠正' },
  { id: 'other', label: '其他结果' },
  { id: 'pending', label: '尚未审结' },
  { id: 'total', label: '总计' },
] as const;

export interface ActiveRow {
  /** Field prefix, e.g. `active.regulations`. */
  prefix: string;
  /** Row labels that name it (normalised). */
  labels: string[];
  /** Column suffixes in the order the template prints them. */
  columns: string[];
}

/** Table 二 of the 2019 template. */
export const ACTIVE_2019: ActiveRow[] = [
  { prefix: 'active.regulations', labels: ['规章'], columns: ['new_made', 'new_published', 'total_published'] },
  { prefix: 'active.normative', labels: ['规范性文件', '行政规范性文件'], columns: ['new_made', 'new_published', 'total_published'] },
  { prefix: 'active.other_docs', labels: ['其他主动公开文件'], columns: ['new_made', 'new_published', 'total_published'] },
  { prefix: 'active.licensing', labels: ['行政许可'], columns: ['prev_items', 'change', 'decisions'] },
  { prefix: 'active.other_services', labels: ['其他对外管理服务事项'], columns: ['prev_items', 'change', 'decisions'] },
  { prefix: 'active.penalty', labels: ['行政处罚'], columns: ['prev_items', 'change', 'decisions'] },
  { prefix: 'active.coercion', labels: ['行政强制'], columns: ['prev_items', 'change', 'decisions'] },
  { prefix: 'active.fees', labels: ['行政事业性收费'], columns: ['prev_items', 'change'] },
  { prefix: 'active.procurement', labels: ['政府集中采购'], columns: ['items', 'amount_yuan'] },
];

/** Table 二 of the 2021 template. */
export const ACTIVE_2021: ActiveRow[] = [
  { prefix: 'active.regulations', labels: ['规章'], columns: ['issued', 'repealed', 'in_force'] },
  { prefix: 'active.normative', labels: ['行政规范性文件', '规范性文件'], columns: ['issued', 'repealed', 'in_force'] },
  { prefix: 'active.licensing', labels: ['行政许可'], columns: ['decisions'] },
  { prefix: 'active.penalty', labels: ['行政处罚'], columns: ['decisions'] },
  { prefix: 'active.coercion', labels: ['行政强制'], columns: ['decisions'] },
  { prefix: 'active.fees', labels: ['行政事业性收费'], columns: ['amount_10k_yuan'] },
];

/** Header labels that tell the two versions of table 二 apart. */
export const ACTIVE_HEADERS: Record<'2019' | '2021', string[]> = {
  '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '处理决定数量', '采购项目数量', '采购总金额'],
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额'],
};

/**
 * Words (in NFKC text, as extracted) by which each of the template's tables
 * is told in cell text of either version, header words included: extractors
 * use them to decide which pages hold tables (the PDF page gate reads the
 * graphics of a page with a short run holding one) and which tables a text
 * layer or markup lacks. No word names a cell of another table.
 */
export const TABLE_WORDS = {
  active: /第二十条|信息内容|本年制发|处理决定数量/,
  apps: /自然人|本年新收|申请人情况|不予公开|无法提供|不予处理|结转下年度/,
  review: /行政复议|行政诉讼|结果维持/,
} as const;

export type TemplateTable = keyof typeof TABLE_WORDS;

/** The template's tables by the number the template gives them. */
export const TABLE_NUMBERS: Record<TemplateTable, string> = { active: '二', apps: '三', review: '四' };

/** Any of the template tables' words. */
export const ANY_TABLE_WORD = new RegExp(Object.values(TABLE_WORDS).map((re) => re.source).join('|'));

/** The template's tables none of whose words is in any of `cellTexts`, in template order. */
export function tablesLacking(cellTexts: string[]): TemplateTable[] {
  return (Object.keys(TABLE_WORDS) as TemplateTable[]).filter((t) => !cellTexts.some((c) => TABLE_WORDS[t].test(c)));
}

/** The template's tables that these tables lack (by their cell words): a document's, or a PDF's pages'. */
export function lackingTables(tables: ReadonlyArray<{ cells: ReadonlyArray<{ text: string }> }>): TemplateTable[] {
  return tablesLacking(tables.flatMap((t) => t.cells.map((c) => c.text.normalize('NFKC'))));
}

/** Table names for a message: 二、四. */
export const tableNames = (ts: TemplateTable[]): string => ts.map((t) => TABLE_NUMBERS[t]).join('、');

/** Fields whose sign is meaningful (本年增/减). */
export function isSignedField(id: string): boolean {
  return id.endsWith('.change');
}

export function activeRows(version: '2019' | '2021'): ActiveRow[] {
  return version === '2019' ? ACTIVE_2019 : ACTIVE_2021;
}

export function appsFieldIds(rows: AppsRow[]): string[] {
  return rows.flatMap((r) => APPS_COLUMNS.map((c) => `apps.${r.id}.${c.id}`));
}

export function reviewFieldIds(): string[] {
  return REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => `${g}.${c.id}`));
}

export interface FieldSetShape {
  active: '2019' | '2021';
  apps: '2019' | '2021';
  /** Hubei variant: 其他主动公开文件 row present. */
  otherDocs: boolean;
}

const idsByShape = new Map<string, string[]>();

/** Every field id of a detected template shape, in template order (a fresh array; the lists are built once per shape). */
export function fieldIds(shape: FieldSetShape): string[] {
  const key = `${shape.active} ${shape.apps} ${shape.otherDocs}`;
  let ids = idsByShape.get(key);
  if (!ids) idsByShape.set(key, (ids = buildFieldIds(shape)));
  return [...ids];
}

function buildFieldIds(shape: FieldSetShape): string[] {
  const active = activeRows(shape.active)
    .filter((r) => shape.otherDocs || r.prefix !== 'active.other_docs')
    .flatMap((r) => r.columns.map((c) => `${r.prefix}.${c}`));
  const apps = appsFieldIds(APPS_ROWS.filter((r) => r.versions.includes(shape.apps)));
  return [...active, ...apps, ...reviewFieldIds()];
}

/** The canonical field set of a template version (as in fields.md). */
export function versionFieldIds(version: Exclude<TemplateVersion, 'unknown'>): string[] {
  return fieldIds({ active: version, apps: version, otherDocs: false });
}

/**
 * A count written in words with its unit ("六件", "十二条"): no number to this parser (value.not_numeric),
 * but a value cell all the same, never a row label (the template's labels end in words, not in a unit).
 */
export const COUNT_IN_WORDS = /^[零〇一二两三四五六七八九十百千万]{1,8}(?:件|条|个|项)$/;
