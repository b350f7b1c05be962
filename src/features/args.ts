import { z } from 'zod';

/** The router's output as a schema: the base every command's arguments extend. */
export const rawArgs = z.object({
  code: z.string().nullable(),
  text: z.string(),
  mentions: z.array(z.string()),
  now: z.date(),
});

/** A hazard code is required: the message says so in Chinese. */
export const withCode = rawArgs.extend({
  code: z.string({ error: '请写明隐患编号，例：YH-0012' }),
});
