import { groupTotal } from './review-totals.js';

export const litigationDirectTotal = groupTotal('litigation_direct');
