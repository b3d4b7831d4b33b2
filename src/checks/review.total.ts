import { groupTotal } from './review-totals.js';

export const reviewTotal = groupTotal('review');
