using Azure;
using Azure.Data.Tables;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Protection;

/// <summary>
/// The columns of a table that hold personal data, encrypted with one kind's purpose: rows are encrypted just before
/// they are written and decrypted just after they are read, so the rest of an adapter sees clear values.
/// </summary>
internal sealed class ProtectedColumns(IPersonalDataProtector protector, PersonalDataKind kind, params string[] columns)
{
    public string Protect(string clearText) => protector.Protect(kind, clearText);

    public string Unprotect(string stored) => protector.Unprotect(kind, stored);

    /// <summary>Encrypts the personal-data columns (those it has) of a row about to be written; returns the row.</summary>
    public TableEntity Protect(TableEntity row) => Transform(row, Protect);

    /// <summary>Decrypts the row's personal-data columns in place; clear values (written before encryption) stay as they are.</summary>
    public TableEntity Unprotect(TableEntity row) => Transform(row, Unprotect);

    private TableEntity Transform(TableEntity row, Func<string, string> transform)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var column in columns)
        {
            if (row.GetString(column) is { } value)
            {
                row[column] = transform(value);
            }
        }

        return row;
    }

    /// <summary>
    /// The migration: reads the whole table and encrypts every row with a personal-data column in clear text. A row is
    /// replaced only if unchanged since read (its ETag); one changed meanwhile was written encrypted by its writer, or is
    /// left to the next run.
    /// </summary>
    /// <returns>How many rows it encrypted.</returns>
    public async Task<int> EncryptClearRowsAsync(TableClient table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var encrypted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var clear = columns.Where(column => row.GetString(column) is { } value && !protector.IsProtected(value)).ToList();
            if (clear.Count == 0)
            {
                continue;
            }

            foreach (var column in clear)
            {
                row[column] = protector.Protect(kind, row.GetString(column));
            }

            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                encrypted++;
            }
            catch (RequestFailedException e) when (e.Status is TableOperations.PreconditionFailed or TableOperations.NotFound)
            {
                // Changed or erased since read: its writer encrypted it, or the next run does.
            }
        }

        return encrypted;
    }
}
