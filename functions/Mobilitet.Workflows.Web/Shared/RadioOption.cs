using Microsoft.AspNetCore.Components;

namespace Mobilitet.Workflows.Web.Shared;

/// <summary>
/// One choice of a <see cref="RadioGroup"/>: the posted value, its label (markup, so a label can come from
/// a component that holds its Danish wording, e.g. <c>@&lt;EscalationDecisionName Decision="d" /&gt;</c>) and an optional hint.
/// </summary>
public sealed record RadioOption(string Value, RenderFragment Label, string? Hint = null)
{
    public RadioOption(string value, string label, string? hint = null)
        : this(value, builder => builder.AddContent(0, label), hint)
    {
    }
}
