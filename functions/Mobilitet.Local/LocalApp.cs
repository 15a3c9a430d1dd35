using Microsoft.Extensions.Options;
using System.Globalization;
using Mobilitet.Local.Configuration;
using Mobilitet.Local.Engine;
using Mobilitet.Local.Http;
using Mobilitet.Local.Storage;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Hosting.Health;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Local;

/// <summary>
/// Builds the local host: the shared services and HTTP handlers, on the local Durable Task engine,
/// with its storage made sure of first. Program.cs runs it; tests build it in-process too.
/// </summary>
public static class LocalApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root = the app's folder, so appsettings.json is found wherever `dotnet run` is started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        UseLocalSecretUnlessConfigured(builder, $"{PersonKeyOptions.Section}:{nameof(PersonKeyOptions.PersonKeySecret)}", LocalSecrets.PersonKeySecret);

        // Room to stop the engine and let Azurite save its data before the process ends.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(60));

        // Hosted services start in this order and stop in reverse: storage, tables, engine, worker.
        builder.Services.AddOptions<AzuriteOptions>().Bind(builder.Configuration.GetSection(AzuriteOptions.Section));
        builder.Services.AddSingleton<LocalStorage>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<LocalStorage>());
        builder.Services.AddMobilitetWorkflows(builder.Configuration);
        builder.Services.AddSingleton<IPublicBaseAddress, ListeningPublicBaseAddress>();
        builder.Services.AddHostedService<StorageStartup>();
        builder.Services.AddLocalDurableEngine(builder.Configuration);
        builder.Services.AddHealthChecks().AddEngineHealthCheck(
            started: provider => provider.GetRequiredService<DurableSidecar>().Service is not null,
            data: EngineDescription);
        builder.Services.AddHostedService<MaintenanceService>();
        builder.Services.AddOptions<RegisterDropOptions>()
            .Bind(builder.Configuration.GetSection(RegisterDropOptions.Section))
            .Validate(drop => drop.DropPollInterval > TimeSpan.Zero, "Registers:DropPollInterval must be a positive TimeSpan.")
            .ValidateOnStart();
        builder.Services.AddHostedService<RegisterDropPickup>();
        builder.AddRequestHygiene();

        var app = builder.Build();
        app.UseRequestHygiene();
        app.MapMobilitetApi();
        app.MapMobilitetPages();
        app.MapLocalEndpoints();
        return app;
    }

    private static Dictionary<string, object> EngineDescription(IServiceProvider provider)
    {
        var engine = provider.GetRequiredService<IOptions<EngineOptions>>().Value;
        return new() { ["provider"] = engine.Provider.ToString(), ["taskHub"] = engine.TaskHub };
    }

    private static void UseLocalSecretUnlessConfigured(WebApplicationBuilder builder, string setting, string name)
    {
        if (string.IsNullOrEmpty(builder.Configuration[setting]))
        {
            builder.Configuration[setting] = LocalSecrets.LoadOrCreate(Path.Combine(RepositoryRoot.Find(), ".local"), name);
        }
    }

    /// <summary>The one line the host prints when it is ready.</summary>
    public static string StartupLine(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var storage = app.Services.GetRequiredService<LocalStorage>().Description;
        var engine = app.Services.GetRequiredService<IOptions<EngineOptions>>().Value;
        var dayLength = app.Services.GetRequiredService<IOptions<LifecycleOptions>>().Value.DayLength;
        var email = app.Services.GetService<IOutbox>() is null ? "SendGrid" : "outbox (GET /api/outbox)";
        var pace = dayLength == TimeSpan.FromDays(1) ? "real time" : $"36 months take about {(dayLength * 1096).TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min";
        return $"Mobilitet.Workflows is running on {string.Join(", ", app.Urls)} | storage: {storage} | engine: {engine.Provider}, task hub {engine.TaskHub}, workflow {engine.Versions().Runs} | day length: {dayLength.ToString("c", CultureInfo.InvariantCulture)} ({pace}) | email: {email}";
    }
}
