import type { Command } from '../src/app/command.ts';
import accept from './accept.ts';
import addPerson from './add-person.ts';
import approveExtension from './approve-extension.ts';
import bindGroup from './bind-group.ts';
import cancel from './cancel.ts';
import denyExtension from './deny-extension.ts';
import groupHazards from './group-hazards.ts';
import help from './help.ts';
import myHazards from './my-hazards.ts';
import overdueHazards from './overdue-hazards.ts';
import registerHazard from './register-hazard.ts';
import reminderSettings from './reminder-settings.ts';
import reject from './reject.ts';
import reportProgress from './report-progress.ts';
import requestExtension from './request-extension.ts';
import setLeadersGroup from './set-leaders-group.ts';
import setRole from './set-role.ts';
import showHazard from './show-hazard.ts';
import submitCompletion from './submit-completion.ts';
import todayDigest from './today-digest.ts';

/** Every chat command, in the order 帮助 lists them. */
export const commands: readonly Command[] = [
  registerHazard,
  cancel,
  reportProgress,
  submitCompletion,
  requestExtension,
  accept,
  reject,
  approveExtension,
  denyExtension,
  showHazard,
  myHazards,
  groupHazards,
  overdueHazards,
  todayDigest,
  reminderSettings,
  help,
  bindGroup,
  setLeadersGroup,
  addPerson,
  setRole,
];

/** What a message that is only a hazard code does: show it. */
export const commandForBareCode: Command = showHazard;
