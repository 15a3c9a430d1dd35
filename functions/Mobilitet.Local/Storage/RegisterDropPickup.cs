using Microsoft.Extensions.Options;
using Mobilitet.Local.Background;
using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Local.Storage;

/// <summary>
/// The local host's way to notice register extracts dropped in Blob storage (the Functions app has a Blob trigger fed
/// by Event Grid, which Azurite does not raise): at start and every <see cref="RegisterDropOptions.DropPollInterval"/>
/// it lists the drop folder and imports each file through the shared <see cref="DroppedExtractImporter"/>. A storage
/// error is logged and the folder is listed again with backoff (<see cref="RetryingLoop"/>); it never stops the host.
/// </summary>
public sealed partial class RegisterDropPickup(DroppedExtractImporter drops, IOptions<RegisterDropOptions> options, ILogger<RegisterDropPickup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RetryingLoop.RunAsync(
            async cancellation =>
            {
                if (await drops.ImportWaitingAsync(cancellation) is > 0 and var imported)
                {
                    LogImported(imported);
                }
            },
            options.Value.DropPollInterval,
            Backoff.Default,
            (exception, retryIn) => LogFailed(exception, retryIn),
            stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} register extracts dropped in Blob storage")]
    private partial void LogImported(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The register-extract drop folder could not be read; it is read again in {RetryIn}")]
    private partial void LogFailed(Exception exception, TimeSpan retryIn);
}
