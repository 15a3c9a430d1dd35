namespace Mobilitet.Workflows.Azure.Configuration;

/// <summary>
/// The tables and the blob containers the adapters use. Infrastructure (Bicep) and the local host
/// create the same names; <see cref="StorageOptions.TablePrefix"/> is put in front of each at run time.
/// </summary>
public static class StorageNames
{
    /// <summary>The agreements read model: PartitionKey = municipality code, RowKey = agreement id.</summary>
    public const string Agreements = "Agreements";

    /// <summary>Agreement id → municipality code (PartitionKey = agreement id, RowKey = "agreement"), so a lookup by id is a point read.</summary>
    public const string AgreementIndex = "AgreementIndex";

    /// <summary>The audit trail: PartitionKey = agreement id, RowKey = ticks, kind and detail.</summary>
    public const string AgreementTimeline = "AgreementTimeline";

    /// <summary>Milestone measurements: PartitionKey = agreement id, RowKey = milestone.</summary>
    public const string Measurements = "Measurements";

    /// <summary>Indicator values recorded by hand: PartitionKey = agreement id, RowKey = milestone.</summary>
    public const string IndicatorValues = "IndicatorValues";

    /// <summary>Escalations: PartitionKey = agreement id, RowKey = escalation id.</summary>
    public const string Escalations = "Escalations";

    /// <summary>People's decisions, the first one per subject standing: PartitionKey = agreement id, RowKey = subject.</summary>
    public const string Decisions = "Decisions";

    /// <summary>The append-only audit log: PartitionKey = UTC day, RowKey = inverted ticks and a random suffix.</summary>
    public const string AuditLog = "AuditLog";

    /// <summary>The personal data vault (every value encrypted): PartitionKey = agreement id, RowKey = "parties", "note:{escalation id}" or "checkin:{milestone}".</summary>
    public const string PersonalData = "PersonalData";

    /// <summary>Emails sent: PartitionKey = agreement id, RowKey = notification id.</summary>
    public const string NotificationLog = "NotificationLog";

    /// <summary>Emails the email service refused for good (ids and codes only): PartitionKey = agreement id, RowKey = notification id.</summary>
    public const string FailedNotifications = "FailedNotifications";

    /// <summary>Emails kept instead of sent when no SendGrid key is configured: PartitionKey = agreement id, RowKey = notification id.</summary>
    public const string Outbox = "Outbox";

    /// <summary>
    /// The agreement list index: PartitionKey = scope (municipality or "all") and filter ("0751_status_Monitoring"),
    /// RowKey = next due instant (UTC ticks) and agreement id; see <see cref="Tables.AgreementListKeys"/>.
    /// </summary>
    public const string AgreementList = "AgreementList";

    /// <summary>The task board: PartitionKey = "{municipality}_{role}", RowKey = due instant (UTC ticks), agreement id and task id.</summary>
    public const string TaskBoard = "TaskBoard";

    /// <summary>The open tasks per agreement (the truth the board is checked against): PartitionKey = agreement id, RowKey = task id.</summary>
    public const string AgreementTasks = "AgreementTasks";

    /// <summary>
    /// Person key (HMAC of the resident's CPR) → agreement, for matching register extracts without storing a CPR:
    /// PartitionKey = municipality code, RowKey = agreement id.
    /// </summary>
    public const string PersonKeyIndex = "PersonKeyIndex";

    /// <summary>
    /// Register rows imported per agreement (no CPR, no person key): PartitionKey = agreement id, RowKey = "a:{upload}:{line}"
    /// (amounts) or "w:{upload}:{line}:{ISO year}" (weekly codes); every upload's rows, resolved on read.
    /// </summary>
    public const string RegisterRows = "RegisterRows";

    /// <summary>One record per register import (the same file for the same municipalities): PartitionKey = import id, RowKey = "import".</summary>
    public const string RegisterImports = "RegisterImports";

    /// <summary>Residents' well-being check-ins (a score and when; no comment, which is in the vault): PartitionKey = agreement id, RowKey = milestone.</summary>
    public const string WellBeingCheckIns = "WellBeingCheckIns";
    /// <summary>
    /// Caseload imports: PartitionKey = import id, RowKey = "import" (the import) or "line:{line}" (a line to import, or
    /// once imported its outcome).
    /// </summary>
    public const string CaseloadImports = "CaseloadImports";

    /// <summary>Caseload reference → agreement: PartitionKey = municipality code, RowKey = keyed hash of the reference.</summary>
    public const string CaseloadReferences = "CaseloadReferences";

    /// <summary>Decision links that have been used (each works once): PartitionKey = link id, RowKey = "used".</summary>
    public const string DecisionLinks = "DecisionLinks";

    /// <summary>Daily digests sent, one per person and day: PartitionKey = Copenhagen date (yyyy-MM-dd), RowKey = keyed hash of the address.</summary>
    public const string DailyDigests = "DailyDigests";

    /// <summary>One operator action at a time per agreement: PartitionKey = agreement id, RowKey = "operator", with its expiry.</summary>
    public const string OperatorLocks = "OperatorLocks";

    /// <summary>
    /// The blob container of agreement documents; blobs are named "{agreementId}/{name}": the business case, measurement
    /// reports and every email sent ("{agreementId}/sent-emails/{notificationId}.json"), all erased with the agreement.
    /// </summary>
    public const string DocumentsContainer = "agreement-documents";

    /// <summary>
    /// The ASP.NET Core Data Protection key ring both hosts share (personal data at rest, links, form tokens): one blob per
    /// key, "key-{id}.xml". Old keys stay to decrypt old values: losing the container loses the personal data.
    /// </summary>
    public const string DataProtectionContainer = "data-protection";

    /// <summary>
    /// Register extracts: each import's file (CPR numbers masked) and its report, "imports/{importId}/extract.csv" and
    /// "imports/{importId}/report.json"; and files dropped for import, "incoming/{municipalityCode}/{file}.csv", each removed
    /// once its report is kept.
    /// </summary>
    public const string RegisterExtractsContainer = "register-extracts";

    /// <summary>Every blob container, in the order they are created.</summary>
    public static IReadOnlyList<string> AllContainers { get; } = [DocumentsContainer, DataProtectionContainer, RegisterExtractsContainer];

    /// <summary>Every table, in the order they are created.</summary>
    public static IReadOnlyList<string> AllTables { get; } =
    [
        Agreements,
        AgreementIndex,
        AgreementTimeline,
        Measurements,
        IndicatorValues,
        Escalations,
        Decisions,
        AuditLog,
        PersonalData,
        NotificationLog,
        FailedNotifications,
        Outbox,
        AgreementList,
        TaskBoard,
        AgreementTasks,
        PersonKeyIndex,
        RegisterRows,
        RegisterImports,
        WellBeingCheckIns,
        CaseloadImports,
        CaseloadReferences,
        DecisionLinks,
        DailyDigests,
        OperatorLocks,
    ];
}
