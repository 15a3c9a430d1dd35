using Mobilitet.Testing;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// An Azurite for one half of a comparison, stopped (with its in-memory data) when the half ends, so that the half run
/// second does not pay for the data the first one left in the same Node process.
/// </summary>
internal sealed class OwnAzurite : IAsyncDisposable
{
    private readonly AzuriteFixture azurite;

    private OwnAzurite(AzuriteFixture azurite) => this.azurite = azurite;

    public string ConnectionString => azurite.ConnectionString;

    public int ProcessId => azurite.ProcessId;

    public static async Task<OwnAzurite> StartAsync()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        return new OwnAzurite(azurite);
    }

    public async ValueTask DisposeAsync() => await azurite.DisposeAsync();
}
