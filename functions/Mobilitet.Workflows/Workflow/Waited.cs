namespace Mobilitet.Workflows.Workflow;

/// <summary>How a wait for an external event ended: the event arrived (<see cref="Event"/> is set), or the deadline passed first.</summary>
public readonly record struct Waited<T>(bool Received, T? Event)
{
    public bool TimedOutFirst => !Received;
}
