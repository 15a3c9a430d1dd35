namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// Marks a test class whose test takes minutes, most of them waiting for lifecycle timers (M3 to M36 at a compressed
/// day): <see cref="LongestFirstOrderer"/> starts these classes first, so their waiting overlaps the other classes' work
/// instead of ending the run alone.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WaitsMinutesAttribute : Attribute;
