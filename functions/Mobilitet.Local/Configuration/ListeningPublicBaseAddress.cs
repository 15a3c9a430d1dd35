using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Local.Configuration;

/// <summary>
/// Links:PublicBaseUrl when it is set; otherwise the first address the server listens on (so
/// <c>--urls http://127.0.0.1:5099</c> gives links to that address), with a wildcard host made
/// localhost. After a restart the engine may run activities before Kestrel binds, and until then
/// the server lists the configured addresses (port 0 included): so this waits until the host has started.
/// </summary>
public sealed class ListeningPublicBaseAddress(IServer server, IHostApplicationLifetime lifetime, IOptions<EmailLinkOptions> options) : IPublicBaseAddress
{
    public async ValueTask<Uri> GetAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PublicBaseUrl is { } configured)
        {
            return configured;
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            await WaitUntilStartedAsync(cancellationToken);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The local host listens on no address; set Links:PublicBaseUrl.");
        return Reachable(address);
    }

    /// <summary>A listening address as a link can use it: a wildcard host (0.0.0.0, [::], +, *) becomes localhost.</summary>
    public static Uri Reachable(string listeningAddress)
    {
        var binding = BindingAddress.Parse(listeningAddress);
        var host = binding.Host is "0.0.0.0" or "[::]" or "+" or "*" ? "localhost" : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port).Uri;
    }

    // Stopping ends the wait too: a host that never starts must not hold an activity for ever.
    private async Task WaitUntilStartedAsync(CancellationToken cancellationToken)
    {
        using var stopOrCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stopOrCancel.Token);
    }
}
