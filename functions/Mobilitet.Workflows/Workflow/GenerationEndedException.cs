namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// Thrown out of a phase's opening wait when it reaches the generation's horizon (version 1.2 on):
/// <see cref="AgreementLifecycle"/> continues the phase as new, and the next generation waits on.
/// </summary>
public sealed class GenerationEndedException() : Exception("The generation's horizon has passed; the phase continues as new.");
