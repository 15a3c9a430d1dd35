using Mobilitet.Testing;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// One Azurite for the whole test assembly, started on first use and stopped when the process ends.
/// (An xunit collection fixture would serialise the classes that share it; this does not.)
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteFixture>> Instance = new(StartAsync);
    private static int prefixes;

    public static Task<AzuriteFixture> GetAsync() => Instance.Value;

    /// <summary>A table prefix no other host in this run uses.</summary>
    public static string NewTablePrefix() => $"t{Environment.ProcessId}x{Interlocked.Increment(ref prefixes)}";

    private static async Task<AzuriteFixture> StartAsync()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().GetAwaiter().GetResult();
        return azurite;
    }
}
