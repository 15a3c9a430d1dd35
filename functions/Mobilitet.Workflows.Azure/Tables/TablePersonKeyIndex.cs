using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The person-key index in table <see cref="StorageNames.PersonKeyIndex"/>: PartitionKey = municipality code,
/// RowKey = agreement id, column PersonKey. Partitioned by municipality because an import reads the municipalities
/// its uploader holds whole (one query each, whatever the size of the file), and erasure knows the agreement's
/// municipality. The CPR is never here; the key is an HMAC of it (<see cref="PersonKeys"/>).
/// </summary>
public sealed class TablePersonKeyIndex : IPersonKeyIndex
{
    private const string PersonKeyColumn = "PersonKey";

    private readonly TableClient table;

    public TablePersonKeyIndex(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.PersonKeyIndex));
    }

    public async Task AddAsync(PersonKeyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(
            TableKeys.RequireSafe(entry.MunicipalityCode, nameof(entry)),
            TableKeys.RequireSafe(entry.AgreementId, nameof(entry)))
        {
            [PersonKeyColumn] = entry.Person.Value,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PersonKeyEntry>> ListAsync(string municipalityCode, CancellationToken cancellationToken)
    {
        var rows = await table.ListPartitionAsync(
            TableKeys.RequireSafe(municipalityCode, nameof(municipalityCode)),
            cancellationToken,
            select: ["PartitionKey", "RowKey", PersonKeyColumn]).ConfigureAwait(false);
        return rows.Select(row => new PersonKeyEntry(new PersonKey(row.RequiredString(PersonKeyColumn)), row.RowKey, row.PartitionKey)).ToList();
    }

    public async Task<bool> ContainsAsync(string municipalityCode, string agreementId, CancellationToken cancellationToken) =>
        await table.FindAsync(
            TableKeys.RequireSafe(municipalityCode, nameof(municipalityCode)),
            TableKeys.RequireSafe(agreementId, nameof(agreementId)),
            cancellationToken).ConfigureAwait(false) is not null;

    public Task RemoveAsync(string municipalityCode, string agreementId, CancellationToken cancellationToken) =>
        table.DeleteIfExistsAsync(
            TableKeys.RequireSafe(municipalityCode, nameof(municipalityCode)),
            TableKeys.RequireSafe(agreementId, nameof(agreementId)),
            cancellationToken);

    public Task RemoveWhereverAsync(string agreementId, CancellationToken cancellationToken) =>
        table.DeleteMatchingAsync(TableClient.CreateQueryFilter($"RowKey eq {TableKeys.RequireSafe(agreementId, nameof(agreementId))}"), cancellationToken);
}
