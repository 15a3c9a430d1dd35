using Mobilitet.Local.Engine;
using Mobilitet.Local.Storage;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Hosting.Http;

namespace Mobilitet.Local;

/// <summary>
/// Builds the local host: the shared services and HTTP handlers, on the local Durable Task engine.
/// Program.cs runs it; tests build it in-process with their own configuration.
/// </summary>
public static class LocalApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddMobilitetWorkflows(builder.Configuration);
        builder.Services.AddHostedService<StorageStartup>();
        builder.Services.AddLocalDurableEngine(builder.Configuration);
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.MapMobilitetApi();
        return app;
    }
}
