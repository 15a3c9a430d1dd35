using Mobilitet.Local;

// --verbose raises the logs from warnings to information (the usual Logging:* settings work too).
var verbose = args.Contains("--verbose", StringComparer.Ordinal);
var app = LocalApp.Build(
    args.Where(arg => arg != "--verbose").ToArray(),
    builder =>
    {
        if (verbose)
        {
            builder.Configuration["Logging:LogLevel:Default"] = "Information";
        }
    });

await app.StartAsync();
Console.WriteLine(LocalApp.StartupLine(app));
await app.WaitForShutdownAsync();
