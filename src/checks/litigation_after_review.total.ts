import { groupTotal } from './review-totals.js';

export const litigationAfterReviewTotal = groupTotal('litigation_after_review');
