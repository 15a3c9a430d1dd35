namespace Mobilitet.Workflows.Hosting.Operations;

/// <summary>
/// An operator's action on an agreement: the reason as a code (<see cref="Workflows.Operations.OperatorReason"/>, spelled
/// as the enum), and for a terminate a note in free text (it may name people: it goes to the personal-data vault only).
/// </summary>
public sealed record OperatorRequest(string? Reason, string? Note = null);
