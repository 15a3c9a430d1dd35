using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Retention;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The agreements read model in table <see cref="StorageNames.Agreements"/> (PartitionKey =
/// municipality code, RowKey = agreement id), with <see cref="StorageNames.AgreementIndex"/>
/// (PartitionKey = agreement id, RowKey = "agreement") so a lookup by id is two point reads (one, once this
/// process has read or written the id's index row: an agreement never changes municipality).
/// Every write also keeps the agreement list index (<see cref="StorageNames.AgreementList"/>,
/// <see cref="AgreementListKeys"/>) in step: when a change moves the agreement's index keys, the new index
/// rows are written first, then the agreement row (which lists them), then the old rows are removed. A
/// crash in between leaves extra rows, never missing ones; readers skip rows their agreement does not list.
/// An update starts from the row as this process last read or wrote it, if that was a moment ago
/// (<see cref="RecentAgreementRows"/>), and reads it only if that guess turns out stale.
/// </summary>
public sealed partial class TableAgreementRepository : IAgreementRepository, IAgreementIndexMigration, IDisposable
{
    /// <summary>The index row's RowKey.</summary>
    public const string IndexRowKey = "agreement";

    private const int MaxUpdateAttempts = 50;

    // More ids than this and the cache starts again (a bound on memory, not a policy).
    private const int MaxCachedMunicipalities = 100_000;

    private readonly TableClient agreements;
    private readonly TableClient index;
    private readonly AgreementListIndex list;
    private readonly ILogger<TableAgreementRepository> logger;
    private readonly TimeProvider time;

    // Agreement id → municipality, from index rows read or written. An agreement never changes municipality (AddAsync refuses
    // another), so a lookup by id is one point read instead of two once its index row has been read or written in this process;
    // a cached municipality whose agreement row is not found is dropped and the index row read again.
    private readonly ConcurrentDictionary<string, string> municipalities = new(StringComparer.Ordinal);

    private readonly RecentAgreementRows recent = new();

    public TableAgreementRepository(TableServiceClient service, IOptions<StorageOptions> options, ILogger<TableAgreementRepository> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        agreements = service.GetTableClient(options.Value.TableName(StorageNames.Agreements));
        index = service.GetTableClient(options.Value.TableName(StorageNames.AgreementIndex));
        list = new AgreementListIndex(service.GetTableClient(options.Value.TableName(StorageNames.AgreementList)));
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Writes the index row first, then the list index rows, then the agreement row. If the agreement
    /// exists already its row is kept as it is (a retried creation never moves an agreement back); an id
    /// already used in another municipality is an error.
    /// </summary>
    public async Task AddAsync(AgreementRecord agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var id = TableKeys.RequireSafe(agreement.AgreementId, nameof(agreement));
        var municipality = TableKeys.RequireSafe(agreement.MunicipalityCode, nameof(agreement));

        try
        {
            await index.AddEntityAsync(new TableEntity(id, IndexRowKey) { [Columns.MunicipalityCode] = municipality }, cancellationToken).ConfigureAwait(false);
            RememberMunicipality(id, municipality);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            var existing = await MunicipalityOfAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing != municipality)
            {
                throw new InvalidOperationException($"Agreement {id} exists already in municipality {existing}.", e);
            }
        }

        if (await agreements.FindAsync(municipality, id, cancellationToken).ConfigureAwait(false) is not null)
        {
            LogAlreadyAdded(id);
            return;
        }

        var indexed = await list.WriteAsync(municipality, AgreementListKeys.Of(agreement), cancellationToken).ConfigureAwait(false);
        var row = ToEntity(agreement);
        row[Columns.ListIndexRows] = AgreementListIndex.Format(indexed);
        try
        {
            var added = await agreements.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            Remember(row, added);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            // Added concurrently: its rows stand; ours are either the same keys or unlisted (skipped by readers).
            LogAlreadyAdded(id);
        }
    }

    public async Task<AgreementRecord?> FindAsync(string agreementId, CancellationToken cancellationToken)
    {
        var row = await FindRowAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : FromEntity(row);
    }

    public async Task<IReadOnlyList<AgreementRecord>> ListAsync(string? municipalityCode, AgreementStatus? status, CancellationToken cancellationToken)
    {
        // Column names are written out: CreateQueryFilter quotes every interpolated value as a literal.
        var filter = (municipalityCode, status) switch
        {
            (null, null) => null,
            ({ } code, null) => TableClient.CreateQueryFilter($"PartitionKey eq {code}"),
            (null, { } wanted) => TableClient.CreateQueryFilter($"Status eq {wanted.ToString()}"),
            ({ } code, { } wanted) => TableClient.CreateQueryFilter($"PartitionKey eq {code} and Status eq {wanted.ToString()}"),
        };

        List<AgreementRecord> found = [];
        await foreach (var row in agreements.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(FromEntity(row));
        }

        return found;
    }

    /// <summary>
    /// Reads the ended index (<see cref="AgreementListKeys.Ended"/>: one key range, oldest end first, up to the cutoff) and
    /// each agreement it names; an index row its agreement does not list is skipped (and deleted once old: <see cref="StaleRows"/>).
    /// </summary>
    public async Task<IReadOnlyList<AgreementRecord>> ListDueForErasureAsync(AgreementStatus status, DateTimeOffset endedBefore, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var range = AgreementListKeys.Ended(status);
        var end = range.Prefix + AgreementListKeys.SortKey(endedBefore, string.Empty);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {range.PartitionKey} and RowKey ge {range.Prefix} and RowKey lt {end}");
        List<AgreementRecord> due = [];
        await foreach (var indexRow in list.Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, max * 2), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var key = new TableKey(indexRow.PartitionKey, indexRow.RowKey);
            var id = AgreementListKeys.AgreementIdOf(indexRow.RowKey);
            var row = id is null ? null : await FindRowAsync(id, cancellationToken).ConfigureAwait(false);
            if (row is null || !AgreementListIndex.Parse(row.GetString(Columns.ListIndexRows)).Any(listed => listed.Key == key))
            {
                await StaleRows.DeleteIfOldAsync(list.Table, indexRow, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            due.Add(FromEntity(row));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>
    /// Ignores a change older than the last applied one, applies it and writes it back only if nobody else
    /// wrote in between (ETag); on a conflict it reads again and reapplies.
    /// </summary>
    /// <exception cref="InvalidOperationException">The agreement is not in the read model, or the change tries to move it to another id or municipality.</exception>
    public Task UpdateAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, CancellationToken cancellationToken) =>
        ChangeAsync(agreementId, at, change, evenIfOlder: false, cancellationToken);

    public Task RecordFactAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, CancellationToken cancellationToken) =>
        ChangeAsync(agreementId, at, change, evenIfOlder: true, cancellationToken);

    private async Task ChangeAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, bool evenIfOlder, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        ArgumentNullException.ThrowIfNull(change);

        var outcome = await ChangeRowAsync(id, (current, _, _) =>
        {
            if (at < current.LastChangedAt && !evenIfOlder)
            {
                return Task.FromResult<AgreementRecord?>(null);
            }

            var changed = change(current);
            if (changed.AgreementId != current.AgreementId || changed.MunicipalityCode != current.MunicipalityCode)
            {
                throw new InvalidOperationException($"A change may not alter the id or municipality of agreement {id}.");
            }

            return Task.FromResult<AgreementRecord?>(
                AgreementRecord.WithEnd(current, changed, at) with { LastChangedAt = at > current.LastChangedAt ? at : current.LastChangedAt });
        }, cancellationToken).ConfigureAwait(false);

        switch (outcome)
        {
            case RowChange.NotFound:
                throw new InvalidOperationException($"Agreement {id} is not in the read model.");
            case RowChange.NothingToWrite:
                LogOlderChangeIgnored(id);
                break;
        }
    }

    /// <summary>
    /// Reads the summary and writes it with the row's ETag; if anyone wrote in between, reads both again.
    /// A summary equal to the stored one is not written.
    /// </summary>
    public async Task<bool> SetTaskSummaryAsync(string agreementId, Func<CancellationToken, Task<TaskSummary>> summarize, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        ArgumentNullException.ThrowIfNull(summarize);

        var outcome = await ChangeRowAsync(id, async (current, row, ct) =>
        {
            var summary = await summarize(ct).ConfigureAwait(false);
            var changed = current with { OpenTaskCount = summary.OpenCount, EarliestTaskDueAt = summary.EarliestDueAt };
            return changed == current && row.ContainsKey(Columns.ListIndexRows) ? null : changed;
        }, cancellationToken).ConfigureAwait(false);

        return outcome != RowChange.NotFound;
    }

    /// <summary>
    /// The one optimistic write of an agreement row: <paramref name="decide"/> gets the stored record (and its row)
    /// and returns the record to write, or null when there is nothing to write. The first attempt works from the
    /// row this process last read or wrote; if that was stale the write fails on its ETag and the row is read
    /// afresh at once. Real contention backs off, and gives up after <see cref="MaxUpdateAttempts"/>.
    /// </summary>
    private async Task<RowChange> ChangeRowAsync(
        string id,
        Func<AgreementRecord, TableEntity, CancellationToken, Task<AgreementRecord?>> decide,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var remembered = attempt == 1 ? recent.Find(id) : null;
            var row = remembered ?? await FindRowAsync(id, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return RowChange.NotFound;
            }

            var changed = await decide(FromEntity(row), row, cancellationToken).ConfigureAwait(false);
            if (changed is null)
            {
                // Nothing to write is decided on a row read afresh only: a remembered one may be stale,
                // or belong to an agreement removed since.
                if (remembered is not null)
                {
                    continue;
                }

                return RowChange.NothingToWrite;
            }

            if (await TryReplaceAsync(row, changed, cancellationToken).ConfigureAwait(false))
            {
                return RowChange.Written;
            }

            if (remembered is not null)
            {
                continue; // stale, not contended: read it afresh at once
            }

            if (attempt >= MaxUpdateAttempts)
            {
                throw new InvalidOperationException($"Agreement {id} kept changing; gave up after {attempt} attempts.");
            }

            LogConcurrentUpdate(id, attempt);
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private enum RowChange
    {
        NotFound,
        NothingToWrite,
        Written,
    }

    /// <summary>Deletes the agreement row, then its list index rows, then the index row; rows already gone are fine.</summary>
    public async Task RemoveAsync(string agreementId, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        if (await MunicipalityOfAsync(id, cancellationToken).ConfigureAwait(false) is { } municipality
            && await agreements.FindAsync(municipality, id, cancellationToken).ConfigureAwait(false) is { } row)
        {
            await agreements.DeleteIfExistsAsync(municipality, id, cancellationToken).ConfigureAwait(false);
            await list.DeleteAsync(AgreementListIndex.Parse(row.GetString(Columns.ListIndexRows)), cancellationToken).ConfigureAwait(false);
        }

        await index.DeleteIfExistsAsync(id, IndexRowKey, cancellationToken).ConfigureAwait(false);

        // Last, because reading the rows above put them back in the caches.
        municipalities.TryRemove(id, out _);
        recent.Forget(id);
    }

    /// <summary>
    /// Gives every agreement whose list index rows are not those its state has in the current layout its rows:
    /// agreements stored before the list index existed (a row that lists none), and those indexed under an earlier
    /// key layout (their old rows are removed). Reads the whole agreements table once — a migration step, run at
    /// start by both hosts (<c>AgreementIndexMigration</c>; the local host also before it serves requests). Safe while workflows
    /// run: a row is rewritten only if unchanged since read (ETag), and any other write indexes it as well.
    /// </summary>
    /// <returns>How many agreements it indexed.</returns>
    public async Task<int> ReindexOutdatedAsync(CancellationToken cancellationToken)
    {
        var indexed = 0;
        await foreach (var row in agreements.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var agreement = FromEntity(row);
            var listed = AgreementListIndex.Parse(row.GetString(Columns.ListIndexRows)).Select(listedRow => listedRow.Key).ToHashSet();
            if ((!row.ContainsKey(Columns.ListIndexRows) || !listed.SetEquals(AgreementListKeys.Of(agreement)))
                && await TryReplaceAsync(row, agreement, cancellationToken).ConfigureAwait(false))
            {
                indexed++;
            }
        }

        if (indexed > 0)
        {
            LogReindexed(indexed);
        }

        return indexed;
    }

    /// <summary>
    /// Writes many agreements at once, with batch transactions per partition (list index rows first, then
    /// the agreement rows), replacing rows that exist without the change-time rule: for loading data into an
    /// empty store (a migration, a test), never while workflows run.
    /// </summary>
    public async Task ImportAsync(IReadOnlyCollection<AgreementRecord> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var records = batch.Select(agreement => agreement with
        {
            AgreementId = TableKeys.RequireSafe(agreement.AgreementId, nameof(batch)),
            MunicipalityCode = TableKeys.RequireSafe(agreement.MunicipalityCode, nameof(batch)),
        }).ToList();

        var indexEntities = records.SelectMany(agreement => AgreementListKeys.Of(agreement).Select(key =>
            new TableEntity(key.PartitionKey, key.RowKey) { [AgreementListIndex.MunicipalityColumn] = agreement.MunicipalityCode }));
        var etags = await UpsertInBatchesAsync(list.Table, indexEntities, cancellationToken).ConfigureAwait(false);

        var rows = records.Select(agreement =>
        {
            var row = ToEntity(agreement);
            row[Columns.ListIndexRows] = AgreementListIndex.Format(
                AgreementListKeys.Of(agreement).Select(key => new IndexRow(key, etags.GetValueOrDefault(key, string.Empty))).ToList());
            return row;
        });
        await UpsertInBatchesAsync(agreements, rows, cancellationToken).ConfigureAwait(false);
        foreach (var agreement in records)
        {
            recent.Forget(agreement.AgreementId);
        }

        // One partition per agreement: no batches here; a few at a time.
        await Parallel.ForEachAsync(
            records,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (agreement, ct) => await index.UpsertEntityAsync(
                new TableEntity(agreement.AgreementId, IndexRowKey) { [Columns.MunicipalityCode] = agreement.MunicipalityCode },
                TableUpdateMode.Replace,
                ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the changed agreement if its row is still <paramref name="row"/> (ETag). Index rows for keys the
    /// stored version does not list are written first; rows it lists under keys the change keeps stay as they
    /// are (a change of status alone rewrites two rows, not eight); rows under keys it drops are removed after.
    /// </summary>
    /// <returns>False if someone else wrote or removed the row in between (nothing is removed then).</returns>
    private async Task<bool> TryReplaceAsync(TableEntity row, AgreementRecord changed, CancellationToken cancellationToken)
    {
        var stored = AgreementListIndex.Parse(row.GetString(Columns.ListIndexRows));
        var keys = AgreementListKeys.Of(changed).ToHashSet();
        var storedKeys = stored.Select(listed => listed.Key).ToHashSet();
        var added = keys.Where(key => !storedKeys.Contains(key)).ToList();
        var written = added.Count > 0 ? await list.WriteAsync(changed.MunicipalityCode, added, cancellationToken).ConfigureAwait(false) : [];

        var entity = ToEntity(changed);
        entity[Columns.ListIndexRows] = AgreementListIndex.Format([.. stored.Where(listed => keys.Contains(listed.Key)), .. written]);
        try
        {
            var replaced = await agreements.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            Remember(entity, replaced);
        }
        catch (RequestFailedException e) when (e.Status is TableOperations.PreconditionFailed or TableOperations.NotFound)
        {
            recent.Forget(changed.AgreementId);

            // The rows just written are listed by no agreement row: readers skip them. Deleting them here
            // could delete a row the winning writer wrote under the same key.
            return false;
        }

        await list.DeleteAsync(stored.Where(listed => !keys.Contains(listed.Key)), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<Dictionary<TableKey, string>> UpsertInBatchesAsync(TableClient table, IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        const int MaxBatch = 100; // a table transaction: one partition, at most 100 operations
        var etags = new Dictionary<TableKey, string>();
        var batches = entities
            .GroupBy(entity => entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(MaxBatch))
            .ToList();
        using var gate = new SemaphoreSlim(8);
        var results = await Task.WhenAll(batches.Select(async chunk =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var response = await table.SubmitTransactionAsync(
                    chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)),
                    cancellationToken).ConfigureAwait(false);
                return chunk.Zip(response.Value, (entity, result) => (new TableKey(entity.PartitionKey, entity.RowKey), result.Headers.ETag?.ToString() ?? string.Empty)).ToList();
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        foreach (var (key, etag) in results.SelectMany(result => result))
        {
            etags[key] = etag;
        }

        return etags;
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(200, 5 * attempt) + System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 20));

    private async Task<string?> MunicipalityOfAsync(string id, CancellationToken cancellationToken)
    {
        var row = await index.FindAsync(id, IndexRowKey, cancellationToken).ConfigureAwait(false);
        var municipality = row?.GetString(Columns.MunicipalityCode);
        if (municipality is not null)
        {
            RememberMunicipality(id, municipality);
        }

        return municipality;
    }

    private void RememberMunicipality(string id, string municipality)
    {
        if (municipalities.Count >= MaxCachedMunicipalities)
        {
            municipalities.Clear();
        }

        municipalities[id] = municipality;
    }

    /// <summary>Reads the agreement's row from storage (never from <see cref="recent"/>) and remembers it.</summary>
    private async Task<TableEntity?> FindRowAsync(string id, CancellationToken cancellationToken)
    {
        var row = await ReadRowAsync(id, cancellationToken).ConfigureAwait(false);
        if (row is not null)
        {
            recent.Remember(row);
        }

        return row;
    }

    private async Task<TableEntity?> ReadRowAsync(string id, CancellationToken cancellationToken)
    {
        if (municipalities.TryGetValue(id, out var known))
        {
            if (await agreements.FindAsync(known, id, cancellationToken).ConfigureAwait(false) is { } cached)
            {
                return cached;
            }

            municipalities.TryRemove(id, out _);
        }

        return await MunicipalityOfAsync(id, cancellationToken).ConfigureAwait(false) is { } municipality
            ? await agreements.FindAsync(municipality, id, cancellationToken).ConfigureAwait(false)
            : null;
    }

    // A written row is remembered with the ETag the write returned; without one it could not be a write's condition.
    private void Remember(TableEntity written, Response response)
    {
        if (response.Headers.ETag is { } etag)
        {
            written.ETag = etag;
            recent.Remember(written);
        }
    }

    public void Dispose() => recent.Dispose();

    internal static TableEntity ToEntity(AgreementRecord agreement)
    {
        var entity = new TableEntity(agreement.MunicipalityCode, agreement.AgreementId)
        {
            [Columns.HousingAssociation] = agreement.HousingAssociation,
            [Columns.Direction] = agreement.Direction.ToString(),
            [Columns.FromArea] = agreement.FromArea,
            [Columns.PlannedMoveDate] = EntityValues.Format(agreement.PlannedMoveDate),
            [Columns.PolicyName] = agreement.PolicyName,
            [Columns.Status] = agreement.Status.ToString(),
            [Columns.CreatedAt] = agreement.CreatedAt,
            [Columns.LastChangedAt] = agreement.LastChangedAt,
            [Columns.DayLengthTicks] = agreement.DayLength.Ticks,
            [Columns.RequestedDkk] = EntityValues.Format(agreement.RequestedDkk),
            [Columns.SupervisorLevels] = agreement.SupervisorLevels,
        };
        entity.SetOptional(Columns.ToArea, agreement.ToArea);
        entity.SetOptional(Columns.MovedOn, agreement.MovedOn is { } movedOn ? EntityValues.Format(movedOn) : null);
        entity.SetOptional(Columns.ApprovedDkk, agreement.ApprovedDkk is { } approved ? EntityValues.Format(approved) : null);
        entity.SetOptional(Columns.FinancingRoute, agreement.FinancingRoute?.ToString());
        entity.SetOptional(Columns.InstrumentName, agreement.InstrumentName);
        entity.SetOptional(Columns.CaseworkerId, agreement.CaseworkerId);
        if (agreement.Settlement is { } settled)
        {
            entity[Columns.SettledMonths] = settled.MonthsSettled;
            entity[Columns.SettledRealisedGainDkk] = EntityValues.Format(settled.RealisedGainDkk);
            entity[Columns.SettledOutcomePaymentDkk] = EntityValues.Format(settled.OutcomePaymentDkk);
            entity[Columns.SettledWrittenOffDkk] = EntityValues.Format(settled.WrittenOffDkk);
            entity[Columns.SettledAt] = EntityValues.FormatInstant(settled.SettledAt);
        }

        entity.SetOptional(Columns.NextMilestoneAt, OptionalInstant(agreement.NextMilestoneAt));
        entity.SetOptional(Columns.EndedAt, OptionalInstant(agreement.EndedAt));
        entity.SetOptional(Columns.PersonalDataErasedAt, OptionalInstant(agreement.PersonalDataErasedAt));
        entity.SetOptional(Columns.RetainedOutcome, agreement.Retained is { } retained ? JsonSerializer.Serialize(retained, RetainedJson) : null);
        entity[Columns.OpenTaskCount] = agreement.OpenTaskCount;
        entity.SetOptional(Columns.EarliestTaskDueAt, OptionalInstant(agreement.EarliestTaskDueAt));

        // Derived, for people reading the table; the code derives them from the record.
        entity.SetOptional(Columns.NextDueAt, OptionalInstant(agreement.NextDueAt));
        entity[Columns.NeedsAction] = agreement.NeedsAction;
        if (agreement.Baseline is { } baseline)
        {
            entity[Columns.BaselineSelfSufficiencyRate] = EntityValues.Format(baseline.SelfSufficiencyRate);
            entity[Columns.BaselineResourceDrawDkk] = EntityValues.Format(baseline.ResourceDrawDkk);
            entity[Columns.BaselineTaxPaidDkk] = EntityValues.Format(baseline.TaxPaidDkk);
        }

        return entity;
    }

    internal static AgreementRecord FromEntity(TableEntity entity) => new()
    {
        AgreementId = entity.RowKey,
        MunicipalityCode = entity.PartitionKey,
        HousingAssociation = entity.RequiredString(Columns.HousingAssociation),
        Direction = entity.RequiredEnum<MoveDirection>(Columns.Direction),
        FromArea = entity.RequiredString(Columns.FromArea),
        ToArea = entity.OptionalString(Columns.ToArea),
        PlannedMoveDate = entity.RequiredDate(Columns.PlannedMoveDate),
        MovedOn = entity.OptionalDate(Columns.MovedOn),
        PolicyName = entity.RequiredString(Columns.PolicyName),
        Status = entity.RequiredEnum<AgreementStatus>(Columns.Status),
        CreatedAt = entity.RequiredInstant(Columns.CreatedAt),
        LastChangedAt = entity.RequiredInstant(Columns.LastChangedAt),
        DayLength = TimeSpan.FromTicks(entity.RequiredInt64(Columns.DayLengthTicks)),
        Baseline = entity.OptionalString(Columns.BaselineSelfSufficiencyRate) is null
            ? null
            : new IndicatorValues(
                entity.RequiredDecimal(Columns.BaselineSelfSufficiencyRate),
                entity.RequiredDecimal(Columns.BaselineResourceDrawDkk),
                entity.RequiredDecimal(Columns.BaselineTaxPaidDkk)),
        RequestedDkk = entity.RequiredDecimal(Columns.RequestedDkk),
        ApprovedDkk = entity.OptionalDecimal(Columns.ApprovedDkk),
        FinancingRoute = entity.OptionalEnum<FinancingRoute>(Columns.FinancingRoute),
        InstrumentName = entity.NonEmptyString(Columns.InstrumentName),
        SupervisorLevels = entity.RequiredInt32(Columns.SupervisorLevels),
        CaseworkerId = entity.NonEmptyString(Columns.CaseworkerId),
        Settlement = entity.GetInt32(Columns.SettledMonths) is { } months
            ? new SettlementSummary(
                months,
                entity.RequiredDecimal(Columns.SettledRealisedGainDkk),
                entity.RequiredDecimal(Columns.SettledOutcomePaymentDkk),
                entity.RequiredDecimal(Columns.SettledWrittenOffDkk),
                entity.OptionalInstantText(Columns.SettledAt) ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} has a settlement without its time."))
            : null,
        NextMilestoneAt = entity.OptionalInstantText(Columns.NextMilestoneAt),
        EndedAt = entity.OptionalInstantText(Columns.EndedAt),
        PersonalDataErasedAt = entity.OptionalInstantText(Columns.PersonalDataErasedAt),
        Retained = entity.NonEmptyString(Columns.RetainedOutcome) is { } retained ? JsonSerializer.Deserialize<RetainedOutcome>(retained, RetainedJson) : null,
        OpenTaskCount = entity.GetInt32(Columns.OpenTaskCount) ?? 0,
        EarliestTaskDueAt = entity.OptionalInstantText(Columns.EarliestTaskDueAt),
    };

    // Enums by name: the column outlives code changes that could reorder them.
    private static readonly JsonSerializerOptions RetainedJson = new() { Converters = { new JsonStringEnumConverter() } };

    // Instants as round-trip text: exact to the tick, so the list keys computed from a row read back are the ones written.
    private static string? OptionalInstant(DateTimeOffset? instant) => instant is null ? null : EntityValues.FormatInstant(instant);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agreement {AgreementId} was added before; keeping the stored row")]
    private partial void LogAlreadyAdded(string agreementId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a change to agreement {AgreementId} older than its last change")]
    private partial void LogOlderChangeIgnored(string agreementId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave {Count} agreements the agreement list's index rows in the current layout")]
    private partial void LogReindexed(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agreement {AgreementId} was changed concurrently; retrying (attempt {Attempt})")]
    private partial void LogConcurrentUpdate(string agreementId, int attempt);

    /// <summary>Column names of the agreements and index tables.</summary>
    internal static class Columns
    {
        public const string MunicipalityCode = "MunicipalityCode";
        public const string HousingAssociation = "HousingAssociation";
        public const string Direction = "Direction";
        public const string FromArea = "FromArea";
        public const string ToArea = "ToArea";
        public const string PlannedMoveDate = "PlannedMoveDate";
        public const string MovedOn = "MovedOn";
        public const string PolicyName = "PolicyName";
        public const string Status = "Status";
        public const string CreatedAt = "CreatedAt";
        public const string LastChangedAt = "LastChangedAt";
        public const string DayLengthTicks = "DayLengthTicks";
        public const string BaselineSelfSufficiencyRate = "BaselineSelfSufficiencyRate";
        public const string BaselineResourceDrawDkk = "BaselineResourceDrawDkk";
        public const string BaselineTaxPaidDkk = "BaselineTaxPaidDkk";
        public const string RequestedDkk = "RequestedDkk";
        public const string ApprovedDkk = "ApprovedDkk";
        public const string InstrumentName = "InstrumentName";
        public const string FinancingRoute = "FinancingRoute";
        public const string SupervisorLevels = "SupervisorLevels";
        public const string CaseworkerId = "CaseworkerId";
        public const string SettledMonths = "SettledMonths";
        public const string SettledRealisedGainDkk = "SettledRealisedGainDkk";
        public const string SettledOutcomePaymentDkk = "SettledOutcomePaymentDkk";
        public const string SettledWrittenOffDkk = "SettledWrittenOffDkk";
        public const string SettledAt = "SettledAt";
        public const string NextMilestoneAt = "NextMilestoneAt";
        public const string EndedAt = "EndedAt";
        public const string PersonalDataErasedAt = "PersonalDataErasedAt";

        /// <summary>The anonymous outcome kept after erasure, as JSON (<see cref="Workflows.Retention.RetainedOutcome"/>).</summary>
        public const string RetainedOutcome = "RetainedOutcome";
        public const string OpenTaskCount = "OpenTaskCount";
        public const string EarliestTaskDueAt = "EarliestTaskDueAt";
        public const string NextDueAt = "NextDueAt";
        public const string NeedsAction = "NeedsAction";

        /// <summary>The list index rows this version of the agreement was committed with (<see cref="AgreementListIndex.Format"/>).</summary>
        public const string ListIndexRows = "ListIndexRows";
    }
}
