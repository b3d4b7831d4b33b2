// text.mismatch: numbers and statements in the narrative (一、总体情况 and the
// other prose sections) against tables 三 and 四. The readings live in
// text-mismatch/; they are conservative: a sentence that could be read two
// ways, compares with another year or names a part of a total is not read.
import { noApplicationClaims, readClaims } from './text-mismatch/claims.js';
import { compareClaim, consistentClaims } from './text-mismatch/compare.js';
import { segments } from './text-mismatch/segments.js';
import type { Check } from './types.js';

export const textMismatch: Check = {
  id: 'text.mismatch',
  severity: 'warning',
  description:
    'Numbers stated in the narrative (收到/受理申请X件, 上年结转X件, 结转下年度X件, 答复/办结X件, 行政复议X件, 行政诉讼X件 and their 维持/纠正/其他/尚未审结 parts) and statements ("均获维持", "未发生行政复议") agree with tables 三 and 四.',
  run: (ctx) => {
    if (!ctx.narrative) return [];
    const segs = segments(ctx.narrative);
    const claims = consistentClaims([...readClaims(segs, ctx.meta.year), ...noApplicationClaims(segs)]);
    return claims.flatMap((c) => compareClaim(ctx, c));
  },
};
