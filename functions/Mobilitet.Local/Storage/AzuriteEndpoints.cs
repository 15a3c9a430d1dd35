using System.Data.Common;
using System.Globalization;

namespace Mobilitet.Local.Storage;

/// <summary>
/// The loopback ports of a local Azurite, read from a development connection string
/// ("UseDevelopmentStorage=true", or devstoreaccount1 with explicit 127.0.0.1/localhost endpoints).
/// </summary>
public sealed record AzuriteEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public; it protects nothing).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static AzuriteEndpoints Default { get; } = new(10000, 10001, 10002);

    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};");

    public IEnumerable<int> Ports => [BlobPort, QueuePort, TablePort];

    /// <summary>True for a connection string that points at a local emulator (so the host may start one).</summary>
    public static bool TryParse(string? connectionString, out AzuriteEndpoints endpoints)
    {
        endpoints = Default;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && string.Equals(development?.ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!parts.TryGetValue("AccountName", out var account) || !string.Equals(account?.ToString(), AccountName, StringComparison.Ordinal))
        {
            return false;
        }

        var blob = LocalPort(parts, "BlobEndpoint");
        var queue = LocalPort(parts, "QueueEndpoint");
        var table = LocalPort(parts, "TableEndpoint");
        if (blob is null || queue is null || table is null)
        {
            return false;
        }

        endpoints = new AzuriteEndpoints(blob.Value, queue.Value, table.Value);
        return true;
    }

    private static int? LocalPort(DbConnectionStringBuilder parts, string key) =>
        parts.TryGetValue(key, out var value) && Uri.TryCreate(value?.ToString(), UriKind.Absolute, out var uri) && uri.IsLoopback
            ? uri.Port
            : null;
}
