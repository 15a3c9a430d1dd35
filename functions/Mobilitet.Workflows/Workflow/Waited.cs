namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// How a wait for an external event ended: the event arrived (<see cref="Event"/> is set), or the deadline passed first,
/// or (only for a wait that asked to be woken so) an escalation ended and changed what the run waits for (<see cref="Settled"/>).
/// </summary>
public readonly record struct Waited<T>(bool Received, T? Event, bool Settled = false)
{
    public bool TimedOutFirst => !Received && !Settled;
}
