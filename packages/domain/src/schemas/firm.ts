import * as z from 'zod';
import { creditCodeProblem, normalizeCreditCode } from '../firm/credit-code.js';
import { localizedParams } from './custom-issue.js';

/** A firm's 统一社会信用代码, stored normalized; a refusal says which rule of GB 32100 it breaks. */
export const creditCodeSchema = z
  .string()
  .transform(normalizeCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', params: localizedParams(problem.zh, problem.en) });
  });
