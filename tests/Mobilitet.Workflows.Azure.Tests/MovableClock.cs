namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The system clock, moved by <see cref="Offset"/>: lets a test look at rows as they will be later.</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
