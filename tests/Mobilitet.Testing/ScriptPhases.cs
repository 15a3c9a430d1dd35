namespace Mobilitet.Testing;

/// <summary>
/// The phases of one scripted lifecycle as its client sees them, marked alike by the benchmark's script over the API and
/// by <see cref="BareLifecycle.RunOneAsync"/>, so the time each takes can be set beside the baseline's.
/// </summary>
public static class ScriptPhases
{
    public const string WaitForClient = "waiting for a free client";
    public const string Create = "create";
    public const string Consent = "consent, until it waits for the move";
    public const string Move = "move, until it monitors";
    public const string Measurements = "three measurements recorded";
    public const string Monitoring = "monitoring, until completed";
}
