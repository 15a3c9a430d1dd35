using Microsoft.Extensions.Options;
using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Local.Storage;

/// <summary>
/// The local host's way to notice register extracts dropped in Blob storage (the Functions app has a Blob trigger fed
/// by Event Grid, which Azurite does not raise): at start and every <see cref="RegisterDropOptions.DropPollInterval"/>
/// it lists the drop folder and imports each file through the shared <see cref="DroppedExtractImporter"/>. A storage
/// error is logged and the folder is listed again at the next tick; it never stops the host.
/// </summary>
public sealed partial class RegisterDropPickup(DroppedExtractImporter drops, IOptions<RegisterDropOptions> options, ILogger<RegisterDropPickup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DropPollInterval);
        do
        {
            try
            {
                if (await drops.ImportWaitingAsync(stoppingToken) is > 0 and var imported)
                {
                    LogImported(imported);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} register extracts dropped in Blob storage")]
    private partial void LogImported(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The register-extract drop folder could not be read; it is read again at the next tick")]
    private partial void LogFailed(Exception exception);
}
