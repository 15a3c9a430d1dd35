using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The agreement list on the index <see cref="TableAgreementRepository"/> keeps (<see cref="AgreementListKeys"/>).
/// A page picks the most selective index the query has — caseworker, housing area, needs action, status,
/// else every agreement — and reads its key range in each scope (one per municipality, or the "all" scope)
/// after the continuation cursor, merged in next-due order. Each index row is checked against its agreement
/// row (a point read): rows the agreement does not list are stale and skipped, and the filters the index did
/// not cover are checked on the agreement. A page examines at most <see cref="ScanBudgetPerRow"/> × page size
/// index rows, so a rare combination of filters gives short pages with a token rather than a long read.
/// An exact agreement id is a point lookup.
/// </summary>
public sealed partial class TableAgreementList : IAgreementList
{
    /// <summary>How many index rows a page may examine per row it asks for.</summary>
    public const int ScanBudgetPerRow = MergedRangeScan.ScanBudgetPerRow;

    private readonly TableClient agreements;
    private readonly TableClient idIndex;
    private readonly TableClient list;
    private readonly TimeProvider time;
    private readonly ILogger<TableAgreementList> logger;

    public TableAgreementList(TableServiceClient service, IOptions<StorageOptions> options, TimeProvider time, ILogger<TableAgreementList> logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        agreements = service.GetTableClient(options.Value.TableName(StorageNames.Agreements));
        idIndex = service.GetTableClient(options.Value.TableName(StorageNames.AgreementIndex));
        list = service.GetTableClient(options.Value.TableName(StorageNames.AgreementList));
        this.time = time;
        this.logger = logger;
    }

    public async Task<AgreementPage> QueryAsync(AgreementQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, IAgreementList.MaxPageSize);
        var after = ContinuationTokens.Decode(continuationToken, nameof(continuationToken));
        var areas = query.AreasToMatch.Select(HousingAreas.Normalize).Distinct(StringComparer.Ordinal).ToList();
        if (query.MunicipalityCodes is { Count: 0 } || areas.Count > 1 || areas.Any(area => area.Length == 0))
        {
            return Empty;
        }

        if (query.SearchedAgreementId is { } id)
        {
            return after is null ? await FindOneAsync(query, id, cancellationToken).ConfigureAwait(false) : Empty;
        }

        var (page, next) = await MergedRangeScan.ReadPageAsync(
            list, Ranges(query), after, pageSize, row => ConfirmAsync(row, query, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new AgreementPage(page, next);
    }

    private static AgreementPage Empty { get; } = new([], null);

    /// <summary>The key ranges of the most selective index the query has, one per scope.</summary>
    private static IEnumerable<KeyRange> Ranges(AgreementQuery query)
    {
        var scopes = query.MunicipalityCodes is { } codes
            ? codes.Select(TableKeys.Escape).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [AgreementListKeys.AllMunicipalities];
        var area = query.AreasToMatch is [var first, ..] ? first : null;
        return scopes.Select(scope => query switch
        {
            { CaseworkerId: { Length: > 0 } caseworker } => AgreementListKeys.ByCaseworker(scope, caseworker),
            _ when area is not null => AgreementListKeys.ByArea(scope, area),
            { NeedsAction: true } => AgreementListKeys.NeedingAction(scope),
            { Status: { } status } => AgreementListKeys.ByStatus(scope, status),
            _ => AgreementListKeys.Everything(scope),
        });
    }

    /// <summary>The agreement behind an index row, if the row is current and the agreement passes every filter.</summary>
    private async Task<AgreementRecord?> ConfirmAsync(TableEntity row, AgreementQuery query, CancellationToken cancellationToken)
    {
        var municipality = row.GetString(AgreementListIndex.MunicipalityColumn);
        var id = AgreementListKeys.AgreementIdOf(row.RowKey);
        var agreement = municipality is null || id is null ? null : await agreements.FindAsync(municipality, id, cancellationToken).ConfigureAwait(false);
        var key = new TableKey(row.PartitionKey, row.RowKey);
        if (agreement is null || !AgreementListIndex.Parse(agreement.GetString(TableAgreementRepository.Columns.ListIndexRows)).Any(listed => listed.Key == key))
        {
            var deleted = await StaleRows.DeleteIfOldAsync(list, row, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogStaleRow(row.RowKey, deleted);
            return null;
        }

        var record = TableAgreementRepository.FromEntity(agreement);
        return query.Matches(record) ? record : null;
    }

    private async Task<AgreementPage> FindOneAsync(AgreementQuery query, string agreementId, CancellationToken cancellationToken)
    {
        var municipality = (await idIndex.FindAsync(agreementId, TableAgreementRepository.IndexRowKey, cancellationToken).ConfigureAwait(false))
            ?.GetString(TableAgreementRepository.Columns.MunicipalityCode);
        var row = municipality is null ? null : await agreements.FindAsync(municipality, agreementId, cancellationToken).ConfigureAwait(false);
        var agreement = row is null ? null : TableAgreementRepository.FromEntity(row);
        return agreement is not null && query.Matches(agreement) ? new AgreementPage([agreement], null) : Empty;
    }

    // The RowKey only (due ticks and ids): a partition key may hold a caseworker's id.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped a stale agreement list row {RowKey} (deleted: {Deleted})")]
    private partial void LogStaleRow(string rowKey, bool deleted);
}
