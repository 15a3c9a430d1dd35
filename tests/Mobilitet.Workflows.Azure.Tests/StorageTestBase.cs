using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>
/// A test class against the shared Azurite: the adapters composed by AddAzureStorageAdapters, with a
/// table prefix of the class's own, and the tables created before each test (creation is idempotent).
/// </summary>
[Collection(SharedAzurite.Name)]
public abstract class StorageTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly ConcurrentDictionary<Type, string> Prefixes = new();
    private ServiceProvider? services;

    protected AzuriteFixture Azurite { get; } = azurite;

    protected string TablePrefix => Prefixes.GetOrAdd(GetType(), static _ => AzuriteFixture.NewTablePrefix());

    protected IServiceProvider Services => services ?? throw new InvalidOperationException("Not initialised.");

    protected static CancellationToken None => CancellationToken.None;

    protected T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Registrations that go before the adapters' own (which only add what is missing), e.g. a clock.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Azurite.StorageSettings(TablePrefix)).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        ConfigureServices(collection);
        collection.AddAzureStorageAdapters(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await Get<IStorageInitializer>().EnsureCreatedAsync(None);
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }
}
