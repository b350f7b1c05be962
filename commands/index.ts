import type { Command } from '../src/features/command.ts';
import accept from './accept.ts';
import addCreditFormal from './add-credit-formal.ts';
import addPerson from './add-person.ts';
import addWatch from './add-watch.ts';
import approveExtension from './approve-extension.ts';
import bindGroup from './bind-group.ts';
import blacklist from './blacklist.ts';
import briefing from './briefing.ts';
import campaigns from './campaigns.ts';
import cancel from './cancel.ts';
import cancelImport from './cancel-import.ts';
import completeListItem from './complete-list-item.ts';
import confirmImport from './confirm-import.ts';
import claimIdentity from './claim-identity.ts';
import confirmBinding from './confirm-binding.ts';
import confirmWatch from './confirm-watch.ts';
import closeDown from './close-down.ts';
import correctEnforcement from './correct-enforcement.ts';
import denyExtension from './deny-extension.ts';
import dismissWatch from './dismiss-watch.ts';
import dashboard from './dashboard.ts';
import enforcementRecords from './enforcement-records.ts';
import exportLedger from './export-ledger.ts';
import fine from './fine.ts';
import groupHazards from './group-hazards.ts';
import help from './help.ts';
import interview from './interview.ts';
import importProblemList from './import-problem-list.ts';
import issueClaimCode from './issue-claim-code.ts';
import liftSuspension from './lift-suspension.ts';
import myHazards from './my-hazards.ts';
import orderRectification from './order-rectification.ts';
import overdueHazards from './overdue-hazards.ts';
import passReinspection from './pass-reinspection.ts';
import plan from './plan.ts';
import problemLists from './problem-lists.ts';
import ranking from './ranking.ts';
import rebound from './rebound.ts';
import registerHazard from './register-hazard.ts';
import reloadRoster from './reload-roster.ts';
import runtimeStatus from './runtime-status.ts';
import reminderSettings from './reminder-settings.ts';
import rectificationReport from './rectification-report.ts';
import reject from './reject.ts';
import removeCreditFormal from './remove-credit-formal.ts';
import removeWatch from './remove-watch.ts';
import reportProgress from './report-progress.ts';
import responsibilityChain from './responsibility-chain.ts';
import requestExtension from './request-extension.ts';
import setLeadersGroup from './set-leaders-group.ts';
import setRole from './set-role.ts';
import showHazard from './show-hazard.ts';
import submitCompletion from './submit-completion.ts';
import todayDigest from './today-digest.ts';
import supervise from './supervise.ts';
import suspendProduction from './suspend-production.ts';
import transferCase from './transfer-case.ts';
import unsupervise from './unsupervise.ts';
import urge from './urge.ts';
import watchList from './watch-list.ts';

/** Every chat command, in the order 帮助 lists them. */
export const commands: readonly Command[] = [
  registerHazard,
  cancel,
  importProblemList,
  confirmImport,
  cancelImport,
  completeListItem,
  reportProgress,
  plan,
  submitCompletion,
  requestExtension,
  accept,
  reject,
  approveExtension,
  denyExtension,
  passReinspection,
  rebound,
  showHazard,
  myHazards,
  groupHazards,
  overdueHazards,
  problemLists,
  rectificationReport,
  campaigns,
  todayDigest,
  dashboard,
  reminderSettings,
  exportLedger,
  help,
  supervise,
  unsupervise,
  urge,
  responsibilityChain,
  ranking,
  briefing,
  blacklist,
  addCreditFormal,
  removeCreditFormal,
  watchList,
  confirmWatch,
  dismissWatch,
  addWatch,
  removeWatch,
  orderRectification,
  interview,
  fine,
  suspendProduction,
  liftSuspension,
  closeDown,
  transferCase,
  correctEnforcement,
  enforcementRecords,
  bindGroup,
  setLeadersGroup,
  addPerson,
  setRole,
  issueClaimCode,
  claimIdentity,
  confirmBinding,
  reloadRoster,
  runtimeStatus,
];

/** What a message that is only a hazard code does: show it. */
export const commandForBareCode: Command = showHazard;
