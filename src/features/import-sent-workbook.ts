import type { CommandContext } from './command.ts';
import { checkEvidence } from './evidence-store.ts';
import { previewWorkbook } from './problem-list-import.ts';
import type { IncomingAttachment } from '../core/messages.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Who may import a list: the ones who inspect. */
export const IMPORT_ROLES = ['admin', 'department'] as const;

/**
 * An Excel file sent alone by an admin or a department is read as a 问题清单 when it holds one
 * (its type checked from the bytes, as for evidence): the preview answers. Returns false when it is
 * not one, so the file is treated as any other (evidence after a report, or chat).
 */
export async function importSentWorkbook(ctx: CommandContext, files: readonly IncomingAttachment[], said = ''): Promise<boolean> {
  if (!(IMPORT_ROLES as readonly string[]).includes(ctx.sender.role)) return false;
  const check = await checkEvidence(files);
  const workbook = check.accepted.find((a) => a.attachment.mime === XLSX);
  if (!workbook) return false;
  return previewWorkbook(ctx, { name: workbook.attachment.name, data: workbook.data }, said, true);
}
