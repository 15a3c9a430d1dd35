using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;

namespace Mobilitet.Workflows.Azure.Configuration;

/// <summary>
/// Table service clients for a connection string with an account key (Azurite, development), authorised by an account SAS
/// that the SDK signs with the key once. Signed with the key itself, every request would cost a new HMACSHA256 that
/// Azure.Data.Tables (12.13) never disposes, left to the finalizer thread: a fifth of the host's CPU under load in the
/// throughput benchmark's profile (docs/benchmarks.md). Azure's deployments use a managed identity and do not come here.
/// </summary>
public static class SasTableClients
{
    /// <summary>
    /// How long the SAS is valid. It never leaves this process, whose connection string holds the key that made it, so a
    /// long life costs nothing; it only has to outlast the host.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3650);

    /// <summary>A client for <paramref name="connectionString"/>: through an account SAS if it has an account key, else as it is.</summary>
    public static TableServiceClient FromConnectionString(string connectionString, TableClientOptions? options = null)
    {
        var keyed = new TableServiceClient(connectionString, options);
        Uri sas;
        try
        {
            sas = keyed.GenerateSasUri(TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow + Lifetime);
        }
        catch (InvalidOperationException)
        {
            return keyed; // no account key (a SAS or a token already): nothing to sign per request
        }

        var endpoint = new UriBuilder(sas) { Query = string.Empty }.Uri;
        return new TableServiceClient(endpoint, new AzureSasCredential(sas.Query), options);
    }
}
