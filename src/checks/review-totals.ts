// 表四: in each of the three groups, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
import { checkSums } from './sum.js';
import type { Check } from './types.js';

const NAMES = { review: '行政复议', litigation_direct: '行政诉讼 未经复议直接起诉', litigation_after_review: '行政诉讼 复议后起诉' } as const;

export function groupTotal(group: keyof typeof NAMES): Check {
  return {
    id: `${group}.total`,
    severity: 'error',
    table: 'review',
    description: `Table 四 ${NAMES[group]}: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.`,
    run: (ctx) =>
      checkSums(
        ctx,
        [{ terms: ['upheld', 'corrected', 'other', 'pending'].map((c) => `${group}.${c}`), total: [`${group}.total`], what: `Table 四 ${NAMES[group]}: 维持 + 纠正 + 其他 + 尚未审结 = 总计` }],
        'group(s)',
      ),
  };
}
