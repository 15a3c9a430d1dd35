using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Caseload;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Caseload references in table <see cref="StorageNames.CaseloadReferences"/>: PartitionKey = municipality code,
/// RowKey = the reference's keyed hash (<see cref="CaseloadReferenceKeys"/>; never the reference), columns AgreementId
/// and ImportId. A reservation inserts, so of two at once the first stands and both get it.
/// </summary>
public sealed class TableCaseloadReferenceMap : ICaseloadReferenceMap
{
    private const string AgreementIdColumn = "AgreementId";
    private const string ImportIdColumn = "ImportId";

    private readonly TableClient table;

    public TableCaseloadReferenceMap(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.CaseloadReferences));
    }

    public async Task<CaseloadReference?> FindAsync(string municipalityCode, string referenceKey, CancellationToken cancellationToken) =>
        await table.FindAsync(
            TableKeys.RequireSafe(municipalityCode, nameof(municipalityCode)),
            TableKeys.RequireSafe(referenceKey, nameof(referenceKey)),
            cancellationToken).ConfigureAwait(false) is { } row
            ? new CaseloadReference(row.RequiredString(AgreementIdColumn), row.RequiredString(ImportIdColumn))
            : null;

    public async Task<CaseloadReference> ReserveAsync(string municipalityCode, string referenceKey, CaseloadReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var row = new TableEntity(TableKeys.RequireSafe(municipalityCode, nameof(municipalityCode)), TableKeys.RequireSafe(referenceKey, nameof(referenceKey)))
        {
            [AgreementIdColumn] = TableKeys.RequireSafe(reference.AgreementId, nameof(reference)),
            [ImportIdColumn] = TableKeys.RequireSafe(reference.ImportId, nameof(reference)),
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return reference;
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            return await FindAsync(municipalityCode, referenceKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A caseload reference was reserved and is gone.", e);
        }
    }
}
