using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The task board in two tables. <see cref="StorageNames.AgreementTasks"/> (PartitionKey = agreement id,
/// RowKey = task id) holds each agreement's open tasks and is the truth: one agreement's tasks are one
/// partition read. <see cref="StorageNames.TaskBoard"/> (PartitionKey = "{municipality}_{role}", RowKey =
/// "{due UTC ticks:D19}_{agreement id}_{task id}") holds the same tasks sorted for "Mine opgaver": a list
/// is a key-range read per (municipality, role), merged by due. Each agreement row names its board row.
/// Opening writes the agreement row first, then the board row, then removes a board row it replaced;
/// closing removes the agreement row first, then the board row. So a crash leaves at most an extra board
/// row, which readers check against the agreement row (a point read) and skip. A page examines at most
/// <see cref="MergedRangeScan.ScanBudgetPerRow"/> × page size board rows.
/// </summary>
public sealed partial class TableTaskBoard : ITaskBoard
{
    private readonly TableClient board;
    private readonly TableClient byAgreement;
    private readonly TimeProvider time;
    private readonly ILogger<TableTaskBoard> logger;

    public TableTaskBoard(TableServiceClient service, IOptions<StorageOptions> options, TimeProvider time, ILogger<TableTaskBoard> logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        board = service.GetTableClient(options.Value.TableName(StorageNames.TaskBoard));
        byAgreement = service.GetTableClient(options.Value.TableName(StorageNames.AgreementTasks));
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The board partition of a role's tasks in a municipality.</summary>
    public static string BoardPartition(string municipalityCode, string role) =>
        string.Concat(TableKeys.Escape(municipalityCode), "_", TableKeys.Escape(role));

    /// <summary>The board RowKey of a task: due first, so a partition reads in due order.</summary>
    public static string BoardRowKey(CaseTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return string.Create(CultureInfo.InvariantCulture, $"{task.DueAt.UtcTicks:D19}_{task.AgreementId}_{task.TaskId}");
    }

    public async Task OpenAsync(CaseTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = TableKeys.RequireSafe(task.AgreementId, nameof(task));
        TableKeys.RequireSafe(task.MunicipalityCode, nameof(task));
        if (task.Role != task.Kind.Role())
        {
            throw new ArgumentException($"A {task.Kind} task is for role {task.Kind.Role()}, not {task.Role}.", nameof(task));
        }

        var taskId = TableKeys.RequireSafe(task.TaskId, nameof(task));
        var existing = await byAgreement.FindAsync(id, taskId, cancellationToken).ConfigureAwait(false);
        var opened = existing is null ? task : task with { OpenedAt = FromEntity(existing).OpenedAt };
        var boardKey = new TableKey(BoardPartition(opened.MunicipalityCode, opened.Role), BoardRowKey(opened));

        var row = ToEntity(opened, id, taskId);
        row[Columns.BoardPartition] = boardKey.PartitionKey;
        row[Columns.BoardRowKey] = boardKey.RowKey;
        // Both rows at once: a board row is shown only while the agreement's row names it (ConfirmAsync), so neither
        // order shows a task that is not open, and a retry of a half-done open writes both again.
        await Task.WhenAll(
            byAgreement.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken),
            board.UpsertEntityAsync(ToEntity(opened, boardKey.PartitionKey, boardKey.RowKey), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        if (existing is not null && BoardKeyOf(existing) is { } replaced && replaced != boardKey)
        {
            await board.DeleteIfExistsAsync(replaced.PartitionKey, replaced.RowKey, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CloseAsync(string agreementId, string taskId, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        var row = await byAgreement.FindAsync(id, TableKeys.RequireSafe(taskId, nameof(taskId)), cancellationToken).ConfigureAwait(false);
        if (row is not null)
        {
            await CloseAsync(row, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CloseAllAsync(string agreementId, CancellationToken cancellationToken)
    {
        var rows = await byAgreement.ListPartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(rows.Select(row => CloseAsync(row, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Closing removes the rows, so erasing is closing everything.</summary>
    public Task EraseAsync(string agreementId, CancellationToken cancellationToken) => CloseAllAsync(agreementId, cancellationToken);

    public async Task<IReadOnlyList<CaseTask>> ListForAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        var rows = await byAgreement.ListPartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);
        return rows.Select(FromEntity).OrderBy(task => task.DueAt).ThenBy(task => task.TaskId, StringComparer.Ordinal).ToList();
    }

    public async Task<TaskPage> ListOpenAsync(TaskQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, ITaskBoard.MaxPageSize);
        var after = ContinuationTokens.Decode(continuationToken, nameof(continuationToken));
        var partitions = query.MunicipalityCodes.SelectMany(municipality => query.Roles.Select(role => BoardPartition(municipality, role))).ToList();
        if (partitions.Count == 0)
        {
            return new TaskPage([], null);
        }

        var (page, next) = await MergedRangeScan.ReadPageAsync(
            board, partitions.Select(KeyRange.Whole), after, pageSize, row => ConfirmAsync(row, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new TaskPage(page, next);
    }

    /// <summary>
    /// Removes the agreement's row first (the task is closed from then on), then its board row: if the second delete
    /// fails, a board row without the agreement's row is shown to nobody (ConfirmAsync) and is removed as stale. Not at
    /// once: a board delete that went through beside an agreement delete that failed would hide a task that is still open.
    /// </summary>
    private async Task CloseAsync(TableEntity row, CancellationToken cancellationToken)
    {
        await byAgreement.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
        if (BoardKeyOf(row) is { } boardKey)
        {
            await board.DeleteIfExistsAsync(boardKey.PartitionKey, boardKey.RowKey, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The task behind a board row, if its agreement's row still names that board row.</summary>
    private async Task<CaseTask?> ConfirmAsync(TableEntity boardRow, CancellationToken cancellationToken)
    {
        var agreementId = boardRow.GetString(Columns.AgreementId);
        var taskId = boardRow.GetString(Columns.TaskId);
        var truth = agreementId is null || taskId is null ? null : await byAgreement.FindAsync(agreementId, taskId, cancellationToken).ConfigureAwait(false);
        if (truth is null || BoardKeyOf(truth) != new TableKey(boardRow.PartitionKey, boardRow.RowKey))
        {
            var deleted = await StaleRows.DeleteIfOldAsync(board, boardRow, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogStaleRow(boardRow.RowKey, deleted);
            return null;
        }

        return FromEntity(truth);
    }

    private static TableKey? BoardKeyOf(TableEntity row) =>
        row.GetString(Columns.BoardPartition) is { } partition && row.GetString(Columns.BoardRowKey) is { } rowKey ? new TableKey(partition, rowKey) : null;

    private static TableEntity ToEntity(CaseTask task, string partitionKey, string rowKey)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            [Columns.AgreementId] = task.AgreementId,
            [Columns.TaskId] = task.TaskId,
            [Columns.MunicipalityCode] = task.MunicipalityCode,
            [Columns.Kind] = task.Kind.ToString(),
            [Columns.Role] = task.Role,
            [Columns.DueAt] = EntityValues.FormatInstant(task.DueAt),
            [Columns.DueDate] = EntityValues.Format(task.DueDate),
            [Columns.OpenedAt] = EntityValues.FormatInstant(task.OpenedAt),
        };
        entity.SetOptional(Columns.Milestone, task.Milestone?.ToString());
        entity.SetOptional(Columns.EscalationId, task.EscalationId);
        entity.SetOptional(Columns.Level, task.Level);
        return entity;
    }

    private static CaseTask FromEntity(TableEntity entity) => new()
    {
        AgreementId = entity.RequiredString(Columns.AgreementId),
        MunicipalityCode = entity.RequiredString(Columns.MunicipalityCode),
        Kind = entity.RequiredEnum<TaskKind>(Columns.Kind),
        Role = entity.RequiredString(Columns.Role),
        DueAt = entity.OptionalInstantText(Columns.DueAt) ?? throw new InvalidDataException($"Task row {entity.PartitionKey}/{entity.RowKey} has no due instant."),
        DueDate = entity.RequiredDate(Columns.DueDate),
        OpenedAt = entity.OptionalInstantText(Columns.OpenedAt) ?? throw new InvalidDataException($"Task row {entity.PartitionKey}/{entity.RowKey} has no opening instant."),
        Milestone = entity.OptionalEnum<Milestone>(Columns.Milestone),
        EscalationId = entity.NonEmptyString(Columns.EscalationId),
        Level = entity.GetInt32(Columns.Level),
    };

    // The RowKey only (due ticks and ids), as the agreement list logs.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped a stale task board row {RowKey} (deleted: {Deleted})")]
    private partial void LogStaleRow(string rowKey, bool deleted);

    private static class Columns
    {
        public const string AgreementId = "AgreementId";
        public const string TaskId = "TaskId";
        public const string MunicipalityCode = "MunicipalityCode";
        public const string Kind = "Kind";
        public const string Role = "Role";
        public const string DueAt = "DueAt";
        public const string DueDate = "DueDate";
        public const string OpenedAt = "OpenedAt";
        public const string Milestone = "Milestone";
        public const string EscalationId = "EscalationId";
        public const string Level = "Level";
        public const string BoardPartition = "BoardPartition";
        public const string BoardRowKey = "BoardRowKey";
    }
}
