using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mobilitet.Local;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// The real local host (HTTP API, storage adapters, engine, worker, outbox) in this process, on a loopback
/// port, with its own tables and task hub so stages never see each other's data.
/// </summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private BenchmarkHost(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
        Api = new AgreementApi(http);
        Durable = app.Services.GetRequiredService<DurableTaskClient>();
    }

    public WebApplication App { get; }

    /// <summary>Signed in with every role for every municipality.</summary>
    public HttpClient Http { get; }

    public AgreementApi Api { get; }

    public DurableTaskClient Durable { get; }

    /// <param name="storage">Connection string for the app's tables and blobs and, on Azure Storage, the engine's.</param>
    /// <param name="configureServices">Extra services (a history meter, a request counter ...).</param>
    public static async Task<BenchmarkHost> StartAsync(
        EngineProvider provider,
        TimeSpan dayLength,
        string storage,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var app = LocalApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            BenchmarkLogging.Configure(builder.Logging);
            configureServices?.Invoke(builder.Services);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Engine:Provider"] = provider.ToString(),
                ["Engine:TaskHub"] = TaskHubName(prefix),
                ["Engine:Port"] = "0",
                ["Storage:ConnectionString"] = storage,
                ["Storage:TablePrefix"] = prefix,
                ["Links:PublicBaseUrl"] = "http://mobilitet.bench",
                ["Telemetry:Console"] = "false", // printing every span would be measured too
                ["Lifecycle:DayLength"] = dayLength.ToString("c", CultureInfo.InvariantCulture),
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }
        });
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) }.SignedInAs(TestIdentities.Everything);
        return new BenchmarkHost(app, http);
    }

    /// <summary>A task hub name of letters and digits only, unique per host (Azure Storage derives queue and table names from it).</summary>
    public static string TaskHubName(string prefix) => "bench" + prefix;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
