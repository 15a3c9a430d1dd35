using System.Globalization;
using Azure;
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
/// Opening writes the agreement row and the board row, then removes a board row it replaced; closing turns the
/// agreement row into a closing (its time, no task), then removes the board row. So a crash leaves at most an
/// extra board row, which readers check against the agreement row (a point read) and skip. The closing row stays,
/// so an opening from before it that the engine delivers late is recognised and changes nothing. A page examines at most
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

    public async Task<bool> OpenAsync(CaseTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = TableKeys.RequireSafe(task.AgreementId, nameof(task));
        TableKeys.RequireSafe(task.MunicipalityCode, nameof(task));
        if (task.Role != task.Kind.Role())
        {
            throw new ArgumentException($"A {task.Kind} task is for role {task.Kind.Role()}, not {task.Role}.", nameof(task));
        }

        var taskId = TableKeys.RequireSafe(task.TaskId, nameof(task));
        for (var attempt = 1; ; attempt++)
        {
            var existing = await byAgreement.FindAsync(id, taskId, cancellationToken).ConfigureAwait(false);
            if (existing is not null && ClosedAtOf(existing) is { } closedAt && task.OpenedAt <= closedAt)
            {
                return false;
            }

            var open = existing is not null && ClosedAtOf(existing) is null ? existing : null;
            if (open is not null && LastOpenedAtOf(open) > task.OpenedAt)
            {
                return false; // a later opening (a new level, a new due date) stands
            }

            var opened = open is null ? task : task with { OpenedAt = FromEntity(open).OpenedAt };
            var boardKey = new TableKey(BoardPartition(opened.MunicipalityCode, opened.Role), BoardRowKey(opened));

            var row = ToEntity(opened, id, taskId);
            row[Columns.BoardPartition] = boardKey.PartitionKey;
            row[Columns.BoardRowKey] = boardKey.RowKey;
            row[Columns.LastOpenedAt] = EntityValues.FormatInstant(task.OpenedAt);
            try
            {
                // Both rows at once: a board row is shown only while the agreement's row names it (ConfirmAsync), so neither
                // order shows a task that is not open, and a retry of a half-done open writes both again. The agreement's row
                // is written only as it was read, so a closing in between is seen on the next attempt.
                await Task.WhenAll(
                    existing is null
                        ? byAgreement.AddEntityAsync(row, cancellationToken)
                        : byAgreement.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken),
                    board.UpsertEntityAsync(ToEntity(opened, boardKey.PartitionKey, boardKey.RowKey), TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (IsRace(e) && attempt < MaxAttempts)
            {
                continue;
            }

            if (open is not null && BoardKeyOf(open) is { } replaced && replaced != boardKey)
            {
                await board.DeleteIfExistsAsync(replaced.PartitionKey, replaced.RowKey, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
    }

    public async Task CloseAsync(string agreementId, string taskId, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        var key = TableKeys.RequireSafe(taskId, nameof(taskId));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A task that was never opened here is closed too: its opening may still come, late.
                var row = await byAgreement.FindAsync(id, key, cancellationToken).ConfigureAwait(false);
                await CloseAsync(row ?? new TableEntity(id, key), closedAt, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (IsRace(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    public async Task CloseAllAsync(string agreementId, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var rows = await byAgreement.ListPartitionAsync(id, cancellationToken).ConfigureAwait(false);
                await Task.WhenAll(rows.Where(row => ClosedAtOf(row) is null).Select(row => CloseAsync(row, closedAt, cancellationToken))).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (IsRace(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Removes the agreement's rows, open tasks and closings alike, and the open tasks' board rows.</summary>
    public async Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        var rows = await byAgreement.ListPartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(rows.Select(async row =>
        {
            await byAgreement.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
            if (BoardKeyOf(row) is { } boardKey)
            {
                await board.DeleteIfExistsAsync(boardKey.PartitionKey, boardKey.RowKey, cancellationToken).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CaseTask>> ListForAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        var rows = await byAgreement.ListPartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);
        return rows.Where(row => ClosedAtOf(row) is null).Select(FromEntity).OrderBy(task => task.DueAt).ThenBy(task => task.TaskId, StringComparer.Ordinal).ToList();
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
    /// Turns the agreement's row into the closing (the task is closed from then on), then removes its board row: if the
    /// second delete fails, a board row without an open agreement row is shown to nobody (ConfirmAsync) and is removed as
    /// stale. Not at once: a board delete that went through beside a failed agreement write would hide a task that is
    /// still open. A closing older than the task's last opening is a late repeat and changes nothing; a row is written
    /// only as it was read (a new row: only if there is none), so a race is retried by the caller.
    /// </summary>
    private async Task CloseAsync(TableEntity row, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        var closing = new TableEntity(row.PartitionKey, row.RowKey) { [Columns.ClosedAt] = EntityValues.FormatInstant(closedAt) };
        if (row.ETag == default)
        {
            await byAgreement.AddEntityAsync(closing, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (ClosedAtOf(row) is { } closedBefore)
        {
            // Closed already; the later closing is kept, so that an opening between the two, delivered late, stays shut.
            if (closedBefore < closedAt)
            {
                await byAgreement.UpdateEntityAsync(closing, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (LastOpenedAtOf(row) > closedAt)
        {
            return;
        }

        await byAgreement.UpdateEntityAsync(closing, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (BoardKeyOf(row) is { } boardKey)
        {
            await board.DeleteIfExistsAsync(boardKey.PartitionKey, boardKey.RowKey, cancellationToken).ConfigureAwait(false);
        }
    }

    private const int MaxAttempts = 10;

    /// <summary>Another writer changed the agreement's row between its read and this write: read it again.</summary>
    private static bool IsRace(RequestFailedException e) =>
        e.Status is TableOperations.Conflict or TableOperations.PreconditionFailed or TableOperations.NotFound;

    /// <summary>When the task was closed, if the row is a closing rather than an open task.</summary>
    private static DateTimeOffset? ClosedAtOf(TableEntity row) => row.OptionalInstantText(Columns.ClosedAt);

    /// <summary>The time of the task's latest opening (rows from before it was kept: the first opening).</summary>
    private static DateTimeOffset LastOpenedAtOf(TableEntity row) =>
        row.OptionalInstantText(Columns.LastOpenedAt) ?? FromEntity(row).OpenedAt;

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
        public const string LastOpenedAt = "LastOpenedAt";
        public const string ClosedAt = "ClosedAt";
    }
}
