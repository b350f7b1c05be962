import type { ColumnType } from "kysely";
export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type AppSecret = {
    name: string;
    value: string;
    createdAt: string;
};
export type Attachment = {
    id: Generated<number>;
    eventId: number;
    name: string;
    mime: string;
    size: number;
    sha256: string;
    /**
     * path below the data folder
     */
    path: string;
};
export type Batch = {
    id: Generated<number>;
    /**
     * QD-0001, given on 确认导入 (a preview has none)
     */
    code: string | null;
    title: string;
    /**
     * inspection | department_check | self_check | campaign | public_report | other
     */
    source: string;
    sourceBody: string | null;
    sourceDate: string | null;
    campaignId: number | null;
    /**
     * preview | imported | cancelled
     */
    status: Generated<string>;
    /**
     * the file as sent (or "粘贴清单"), and its copy below the data folder
     */
    fileName: string;
    filePath: string | null;
    createdById: number;
    groupId: number | null;
    createdAt: string;
    importedAt: string | null;
};
export type BatchItem = {
    id: Generated<number>;
    batchId: number;
    /**
     * 1, 2, 3 … in the list's order; `label` is the 序号 as written
     */
    seq: number;
    label: string;
    /**
     * where it came from: sheet name and row number, or the pasted line
     */
    origin: string;
    unitWritten: string;
    unitId: number | null;
    description: string;
    category: string | null;
    level: Generated<string>;
    measures: string | null;
    ownerName: string | null;
    deadline: string | null;
    hazardId: number | null;
};
export type BindingEvent = {
    id: Generated<number>;
    /**
     * person | group
     */
    subject: string;
    personId: number | null;
    groupId: number | null;
    /**
     * wechaty | dingtalk | wecom
     */
    platform: string;
    platformId: string;
    /**
     * claim | confirm | name | relogin | admin | first_sight | unbound
     */
    method: string;
    actorId: number | null;
    at: string;
    note: Generated<string>;
};
export type Campaign = {
    id: Generated<number>;
    name: string;
    /**
     * JSON array of sector names (危化品, 消防 …)
     */
    sectors: Generated<string>;
    leadUnitId: number | null;
    startOn: string | null;
    endOn: string | null;
    createdAt: Generated<string>;
};
export type ClaimAttempt = {
    id: Generated<number>;
    platform: string;
    senderId: string;
    at: string;
    ok: number;
};
export type Counter = {
    name: string;
    value: number;
};
export type CreditListEntry = {
    id: Generated<number>;
    unitId: number;
    /**
     * formal | watch
     */
    list: string;
    /**
     * formal: confirmed; watch: proposed | confirmed | dismissed
     */
    status: string;
    decisionNo: string | null;
    authority: string | null;
    decidedOn: string | null;
    expiresOn: string | null;
    removedOn: string | null;
    reason: Generated<string>;
    /**
     * JSON evidence for watch-list proposals
     */
    evidence: Generated<string>;
    ruleKey: string | null;
    /**
     * who entered it (formal) or proposed it (null: the watch rules)
     */
    enteredById: number | null;
    /**
     * who confirmed, dismissed or removed it, when, and why
     */
    decidedById: number | null;
    decidedAt: string | null;
    note: string | null;
    createdAt: Generated<string>;
    updatedAt: string;
};
export type DashboardLink = {
    id: Generated<number>;
    personId: number;
    createdAt: string;
    expiresAt: string;
    revokedAt: string | null;
    lastUsedAt: string | null;
};
export type EnforcementAction = {
    id: Generated<number>;
    /**
     * ZF-0001: how people name a record (更正执法 ZF-0003 …)
     */
    code: string;
    unitId: number;
    /**
     * order | interview | fine | suspend | close | transfer | lift
     */
    kind: string;
    /**
     * JSON array of the hazard ids the decision is about
     */
    hazardIds: Generated<string>;
    /**
     * 决定书文号, when written
     */
    decisionNo: string | null;
    /**
     * order: rectify by this day (YYYY-MM-DD)
     */
    deadline: string | null;
    /**
     * fine: the amount in whole yuan
     */
    amountYuan: number | null;
    /**
     * suspend: from / until (YYYY-MM-DD; until may be open: until lifted)
     */
    fromDate: string | null;
    untilDate: string | null;
    /**
     * transfer: to whom (公安机关, 纪委监委 …)
     */
    transferTo: string | null;
    /**
     * lift: the suspension it lifts
     */
    liftsId: number | null;
    /**
     * a correction: the record it replaces in every count and list
     */
    correctsId: number | null;
    note: Generated<string>;
    actorId: number;
    /**
     * the group it was said in: a document sent next in that group is evidence of it
     */
    groupId: number | null;
    at: string;
};
export type EnforcementAttachment = {
    id: Generated<number>;
    actionId: number;
    name: string;
    mime: string;
    size: number;
    sha256: string;
    /**
     * path below the data folder
     */
    path: string;
};
export type EvidenceContent = {
    sha256: string;
    /**
     * the type read from the bytes (image/jpeg …)
     */
    mime: string;
    size: number;
    data: Buffer;
    /**
     * when these bytes were first kept (for an imported file: its modification time)
     */
    firstSeenAt: string;
};
export type Group = {
    id: Generated<number>;
    name: string;
    unitId: number | null;
    /**
     * unit | department | leaders | other
     */
    purpose: Generated<string>;
    wecomId: string | null;
    dingtalkId: string | null;
    wechatId: string | null;
    createdAt: Generated<string>;
};
export type Hazard = {
    id: Generated<number>;
    code: string;
    description: string;
    location: string | null;
    category: string;
    /**
     * general | major
     */
    level: Generated<string>;
    unitId: number;
    reporterId: number;
    ownerId: number;
    measures: string | null;
    /**
     * YYYY-MM-DD, Asia/Shanghai; the last day allowed
     */
    deadline: string;
    originalDeadline: string;
    /**
     * registered | rectifying | pending_review | closed
     */
    status: Generated<string>;
    progress: Generated<number>;
    /**
     * the message time of the report (or decision) the progress comes from: a report sent earlier
     * but handled later (a redelivery) is recorded without overriding it
     */
    progressAt: string | null;
    sourceGroupId: number | null;
    /**
     * pending extension request: the asked date, or null
     */
    extensionTo: string | null;
    extensionReason: string | null;
    /**
     * 挂牌督办
     */
    supervised: Generated<number>;
    supervisingLeader: string | null;
    /**
     * major-hazard plan parts (JSON object keyed by part)
     */
    plan: Generated<string>;
    createdAt: Generated<string>;
    updatedAt: string;
    /**
     * local date of closing, YYYY-MM-DD
     */
    closedOn: string | null;
    closedAt: string | null;
    /**
     * where it was found (来源): inspection | department_check | self_check | campaign | public_report | other
     */
    source: Generated<string>;
    /**
     * 督查反馈: the inspecting body (省安委会第三督查组) and the inspection day, YYYY-MM-DD
     */
    sourceBody: string | null;
    sourceDate: string | null;
    /**
     * 专项整治: the campaign it belongs to
     */
    campaignId: number | null;
};
export type HazardEvent = {
    id: Generated<number>;
    hazardId: number;
    /**
     * created | progress | submitted | accepted | rejected | extension_requested | extension_approved | extension_denied | reassigned | supervised | unsupervised | plan_updated | evidence | reinspection_passed | rebound | urged
     */
    type: string;
    actorId: number | null;
    /**
     * the group it was said in: a photo sent next in that group is evidence of it
     */
    groupId: number | null;
    at: string;
    text: Generated<string>;
    /**
     * JSON: the fields this event changed (progress, deadline, …)
     */
    data: Generated<string>;
};
export type IdentityClaim = {
    id: Generated<number>;
    personId: number;
    code: string;
    issuedById: number;
    issuedAt: string;
    expiresAt: string;
    usedAt: string | null;
};
export type JobRun = {
    job: string;
    lastRunAt: string;
};
export type LeaderCharge = {
    id: Generated<number>;
    /**
     * the supervising department (or town, park) this leader is in charge of, or null
     */
    departmentId: number | null;
    /**
     * the sector (危化品, 消防 …), or null
     */
    sector: string | null;
    /**
     * 分管领导: handles it concretely; named in every escalation of what it covers
     */
    inChargeId: number | null;
    /**
     * 主要领导: accountable overall; named only as the rules say (docs/responsibility-chain.md)
     */
    mainId: number | null;
    /**
     * the roster line's order: the file's order is kept so a re-import compares equal
     */
    position: number;
};
export type Lease = {
    name: string;
    holder: string;
    epoch: number;
    acquiredAt: string;
    renewedAt: string;
    expiresAt: string;
    /**
     * JSON: what the holder reports about itself (host, pid, queue, platform connection)
     */
    detail: Generated<string>;
};
export type OutboxFile = {
    outboxId: number;
    size: number;
    data: Buffer;
};
export type OutboxMessage = {
    id: Generated<number>;
    dedupeKey: string | null;
    /**
     * reply | push
     */
    kind: string;
    groupId: number | null;
    personId: number | null;
    /**
     * a private chat with an account the roster does not name (a stranger told how to be added):
     * the platform and its account id; nothing else about the account is kept
     */
    accountPlatform: string | null;
    accountId: string | null;
    text: string;
    /**
     * JSON array of person ids
     */
    mentions: Generated<string>;
    /**
     * JSON: markdown flag, the name of the file sent after the text (its bytes: OutboxFile), …
     */
    extra: Generated<string>;
    /**
     * pending | sent | failed
     */
    status: Generated<string>;
    attempts: Generated<number>;
    nextAttemptAt: Generated<string>;
    lastError: string | null;
    createdAt: Generated<string>;
    sentAt: string | null;
    /**
     * several instances on one PostgreSQL: the instance sending it now (and, once sent, the one that sent it)
     */
    claimedBy: string | null;
    /**
     * the claim lapses at this database time, so a dead instance's messages go to another
     */
    claimedUntil: string | null;
};
export type PendingBinding = {
    id: Generated<number>;
    personId: number;
    platform: string;
    platformId: string;
    senderName: string;
    groupId: number | null;
    at: string;
};
export type PendingDraft = {
    id: Generated<number>;
    groupId: number;
    personId: number;
    command: string;
    /**
     * JSON of the fields gathered so far
     */
    fields: string;
    missing: string;
    expiresAt: string;
};
export type Person = {
    id: Generated<number>;
    name: string;
    unitId: number | null;
    /**
     * admin | leader | department | contact
     */
    role: string;
    wecomId: string | null;
    dingtalkId: string | null;
    wechatId: string | null;
    /**
     * WeChat: what survives a wechat4u re-login, when the puppet shows it: `weixin:<微信号>` or `remark:<备注>`
     */
    wechatKey: string | null;
    mobile: string | null;
    createdAt: Generated<string>;
};
export type ProcessedMessage = {
    platform: string;
    messageId: string;
    at: Generated<string>;
};
export type RateBucket = {
    target: string;
    tokens: number;
    /**
     * when the tokens were last counted
     */
    at: string;
    /**
     * the platform said "too fast": nothing to this target before then
     */
    pausedUntil: string | null;
    /**
     * "too fast" answers in a row: the pause grows with them
     */
    strikes: Generated<number>;
};
export type Reinspection = {
    id: Generated<number>;
    hazardId: number;
    /**
     * the closing the check follows (a hazard reopened and closed again is checked again)
     */
    closedOn: string;
    /**
     * days after closing: 30 | 90
     */
    round: number;
    dueOn: string;
    /**
     * pending | passed | rebound | cancelled
     */
    status: Generated<string>;
    decidedById: number | null;
    decidedAt: string | null;
    note: string | null;
};
export type ScheduledRun = {
    job: string;
    dueAt: string;
    ranAt: string;
    late: Generated<number>;
    instance: Generated<string>;
};
export type Unit = {
    id: Generated<number>;
    name: string;
    /**
     * park | town | department | enterprise | other
     */
    kind: string;
    supervisorId: number | null;
    sector: string | null;
    blacklisted: Generated<number>;
    /**
     * 政府投资项目（政府类工程）: same rules as an enterprise, its figures reported beside theirs
     */
    governmentProject: Generated<number>;
    /**
     * the department that owns a government project (业主/主管部门)
     */
    projectOwnerId: number | null;
    createdAt: Generated<string>;
};
export type DB = {
    AppSecret: AppSecret;
    Attachment: Attachment;
    Batch: Batch;
    BatchItem: BatchItem;
    BindingEvent: BindingEvent;
    Campaign: Campaign;
    ClaimAttempt: ClaimAttempt;
    Counter: Counter;
    CreditListEntry: CreditListEntry;
    DashboardLink: DashboardLink;
    EnforcementAction: EnforcementAction;
    EnforcementAttachment: EnforcementAttachment;
    EvidenceContent: EvidenceContent;
    Group: Group;
    Hazard: Hazard;
    HazardEvent: HazardEvent;
    IdentityClaim: IdentityClaim;
    JobRun: JobRun;
    LeaderCharge: LeaderCharge;
    Lease: Lease;
    OutboxFile: OutboxFile;
    OutboxMessage: OutboxMessage;
    PendingBinding: PendingBinding;
    PendingDraft: PendingDraft;
    Person: Person;
    ProcessedMessage: ProcessedMessage;
    RateBucket: RateBucket;
    Reinspection: Reinspection;
    ScheduledRun: ScheduledRun;
    Unit: Unit;
};
