using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The audit trail in table <see cref="StorageNames.AgreementTimeline"/>: PartitionKey = agreement id, RowKey =
/// "{UTC ticks:D19}-{kind}-{detail}". The key is the entry, so appending it twice keeps one, and rows come back in time
/// order. Beside the entries, after them in key order ("~" sorts after the digits), each step written by
/// <see cref="AppendStepOnceAsync"/> has a marker row keyed by its kind, detail and actor, so "already recorded" is a
/// failed insert in the step's own transaction, not a read of the whole timeline before each step.
/// </summary>
public sealed class TableTimeline : ITimeline
{
    private const string At = "At";
    private const string Kind = "Kind";
    private const string Actor = "Actor";
    private const string Detail = "Detail";

    /// <summary>Where bookkeeping rows start: entries' keys start with a digit, which sorts before it.</summary>
    private const string BookkeepingFrom = "~";

    /// <summary>
    /// The row that says every step on this timeline has its marker: written with a new agreement's first entry, and
    /// for a timeline written before markers existed, once its steps have been marked (<see cref="MarkRecordedStepsAsync"/>).
    /// </summary>
    private const string StepsMarkedRowKey = "~steps-marked";

    /// <summary>At most this many actions in one table transaction.</summary>
    private const int TransactionSize = 100;

    private readonly TableClient table;

    public TableTimeline(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.AgreementTimeline));
    }

    /// <summary>The RowKey of an entry.</summary>
    public static string RowKey(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{entry.Kind}-{TableKeys.Escape(entry.Detail)}");
    }

    /// <summary>
    /// The RowKey of a step's marker: "~step!{kind}!{detail}!{actor}". "!" and "=" never occur in escaped text, so the
    /// parts cannot run into each other, and "=" tells an empty detail from none.
    /// </summary>
    public static string StepMarkerRowKey(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var detail = entry.Detail is null ? string.Empty : "=" + TableKeys.Escape(entry.Detail);
        return $"~step!{entry.Kind}!{detail}!{TableKeys.Escape(entry.Actor)}";
    }

    public async Task StartAsync(string agreementId, TimelineEntry created, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, EntryRow(id, created)),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(id, StepsMarkedRowKey)),
            ],
            cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        await table.UpsertEntityAsync(EntryRow(id, entry), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AppendStepOnceAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        ArgumentNullException.ThrowIfNull(entry);
        if (await TryAppendMarkedStepAsync(id, entry, cancellationToken).ConfigureAwait(false) is { } appended)
        {
            return appended;
        }

        // A timeline from before markers (or an agreement stored without its creation entry): mark what it holds, once.
        await MarkRecordedStepsAsync(id, cancellationToken).ConfigureAwait(false);
        return await TryAppendMarkedStepAsync(id, entry, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The timeline of {id} lost its steps-marked row while a step was written.");
    }

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(string agreementId, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        List<TimelineEntry> entries = [];
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey lt {BookkeepingFrom}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new TimelineEntry(row.RequiredInstant(At), row.RequiredEnum<TimelineKind>(Kind), row.RequiredString(Actor), row.OptionalString(Detail)));
        }

        // Rows come in RowKey order, which starts with the time; sorting again is cheap insurance.
        return entries.OrderBy(entry => entry.At).ToList();
    }

    /// <summary>
    /// One transaction: the steps-marked row must be there (a merge that changes nothing), the step's marker must not
    /// (an insert), and the entry is written. True if written; false if the step was recorded already; null if the
    /// timeline's steps are not marked yet.
    /// </summary>
    private async Task<bool?> TryAppendMarkedStepAsync(string id, TimelineEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(id, StepsMarkedRowKey), ETag.All),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(id, StepMarkerRowKey(entry))),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, EntryRow(id, entry)),
                ],
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 1 && failed.Status == TableOperations.Conflict)
        {
            return false;
        }
        catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status == TableOperations.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes a marker for every entry the timeline holds, then the steps-marked row. Markers are upserts, so writers
    /// that meet here at once agree; the row comes last, so while it stands every recorded step has its marker.
    /// </summary>
    private async Task MarkRecordedStepsAsync(string id, CancellationToken cancellationToken)
    {
        var markers = (await ReadAsync(id, cancellationToken).ConfigureAwait(false))
            .Select(StepMarkerRowKey)
            .Distinct(StringComparer.Ordinal)
            .Select(key => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(id, key)));
        foreach (var batch in markers.Chunk(TransactionSize))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        await table.UpsertEntityAsync(new TableEntity(id, StepsMarkedRowKey), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity EntryRow(string id, TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(id, RowKey(entry))
        {
            [At] = entry.At,
            [Kind] = entry.Kind.ToString(),
            [Actor] = entry.Actor,
        };
        row.SetOptional(Detail, entry.Detail);
        return row;
    }
}
