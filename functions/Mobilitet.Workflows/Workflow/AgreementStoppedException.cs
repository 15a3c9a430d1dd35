using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// Thrown out of any wait when the agreement is cancelled or consent is withdrawn, so every step
/// honours a stop without checking for it; <see cref="AgreementLifecycle"/> catches it once.
/// </summary>
public sealed class AgreementStoppedException(StopRequested request) : Exception($"Agreement stopped: {request.Kind}")
{
    public StopRequested Request { get; } = request;
}
