using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The agreements read model in table <see cref="StorageNames.Agreements"/> (PartitionKey =
/// municipality code, RowKey = agreement id), with <see cref="StorageNames.AgreementIndex"/>
/// (PartitionKey = agreement id, RowKey = "agreement") so a lookup by id is two point reads.
/// </summary>
public sealed partial class TableAgreementRepository : IAgreementRepository
{
    /// <summary>The index row's RowKey.</summary>
    public const string IndexRowKey = "agreement";

    private const int MaxUpdateAttempts = 50;

    private readonly TableClient agreements;
    private readonly TableClient index;
    private readonly ILogger<TableAgreementRepository> logger;

    public TableAgreementRepository(TableServiceClient service, IOptions<StorageOptions> options, ILogger<TableAgreementRepository> logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        agreements = service.GetTableClient(options.Value.TableName(StorageNames.Agreements));
        index = service.GetTableClient(options.Value.TableName(StorageNames.AgreementIndex));
        this.logger = logger;
    }

    /// <summary>
    /// Writes the index row first, then the agreement row. If the agreement exists already its row is
    /// kept as it is (a retried creation never moves an agreement back); an id already used in another
    /// municipality is an error.
    /// </summary>
    public async Task AddAsync(AgreementRecord agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var id = TableKeys.RequireSafe(agreement.AgreementId, nameof(agreement));
        var municipality = TableKeys.RequireSafe(agreement.MunicipalityCode, nameof(agreement));

        try
        {
            await index.AddEntityAsync(new TableEntity(id, IndexRowKey) { [Columns.MunicipalityCode] = municipality }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            var existing = await MunicipalityOfAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing != municipality)
            {
                throw new InvalidOperationException($"Agreement {id} exists already in municipality {existing}.", e);
            }
        }

        try
        {
            await agreements.AddEntityAsync(ToEntity(agreement), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
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
    /// Reads the row, ignores a change older than the last applied one, applies it and writes it back
    /// only if nobody else wrote in between (ETag); on a conflict it reads again and reapplies.
    /// </summary>
    /// <exception cref="InvalidOperationException">The agreement is not in the read model, or the change tries to move it to another id or municipality.</exception>
    public async Task UpdateAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        ArgumentNullException.ThrowIfNull(change);

        for (var attempt = 1; ; attempt++)
        {
            var row = await FindRowAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Agreement {id} is not in the read model.");
            var current = FromEntity(row);
            if (at < current.LastChangedAt)
            {
                LogOlderChangeIgnored(id);
                return;
            }

            var changed = change(current);
            if (changed.AgreementId != current.AgreementId || changed.MunicipalityCode != current.MunicipalityCode)
            {
                throw new InvalidOperationException($"A change may not alter the id or municipality of agreement {id}.");
            }

            changed = changed with { LastChangedAt = at > current.LastChangedAt ? at : current.LastChangedAt };
            try
            {
                await agreements.UpdateEntityAsync(ToEntity(changed), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == TableOperations.PreconditionFailed && attempt < MaxUpdateAttempts)
            {
                LogConcurrentUpdate(id, attempt);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Deletes the agreement row, then the index row; rows already gone are fine.</summary>
    public async Task RemoveAsync(string agreementId, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        if (await MunicipalityOfAsync(id, cancellationToken).ConfigureAwait(false) is { } municipality)
        {
            await agreements.DeleteIfExistsAsync(municipality, id, cancellationToken).ConfigureAwait(false);
        }

        await index.DeleteIfExistsAsync(id, IndexRowKey, cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(200, 5 * attempt) + System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 20));

    private async Task<string?> MunicipalityOfAsync(string id, CancellationToken cancellationToken)
    {
        var row = await index.FindAsync(id, IndexRowKey, cancellationToken).ConfigureAwait(false);
        return row?.GetString(Columns.MunicipalityCode);
    }

    private async Task<TableEntity?> FindRowAsync(string id, CancellationToken cancellationToken) =>
        await MunicipalityOfAsync(id, cancellationToken).ConfigureAwait(false) is { } municipality
            ? await agreements.FindAsync(municipality, id, cancellationToken).ConfigureAwait(false)
            : null;

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
        SupervisorLevels = entity.RequiredInt32(Columns.SupervisorLevels),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agreement {AgreementId} was added before; keeping the stored row")]
    private partial void LogAlreadyAdded(string agreementId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a change to agreement {AgreementId} older than its last change")]
    private partial void LogOlderChangeIgnored(string agreementId);

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
        public const string FinancingRoute = "FinancingRoute";
        public const string SupervisorLevels = "SupervisorLevels";
    }
}
