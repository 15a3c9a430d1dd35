namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// Where the app can be reached from outside, for the links in emails. Asked each time a link is
/// built, not once at start: a host may learn its address only when its server listens.
/// </summary>
public interface IPublicBaseAddress
{
    ValueTask<Uri> GetAsync(CancellationToken cancellationToken);
}

/// <summary>A base address known in advance (configured, or in tests).</summary>
public sealed class FixedPublicBaseAddress(Uri address) : IPublicBaseAddress
{
    public ValueTask<Uri> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(address);
}
