using Mobilitet.Workflows.Operations;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Drift": the agreements that need an operator, oldest trouble first, each with a form for its actions.</summary>
public sealed record OperationsPageModel
{
    public required IReadOnlyList<OperatorAttention> Agreements { get; init; }

    /// <summary>The longest note the commands accept.</summary>
    public required int NoteMaxLength { get; init; }

    /// <summary>The form that was sent and came back (its values and errors), if any.</summary>
    public ListForm? Form { get; init; }

    /// <summary>Why the action just sent was not done.</summary>
    public ListRefusal? Refusal { get; init; }
}
