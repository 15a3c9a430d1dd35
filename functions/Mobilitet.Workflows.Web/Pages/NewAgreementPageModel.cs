using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>
/// *Ny flytteaftale*: the creation form, empty or as it was sent back with errors. Field names are the API's
/// JSON paths ("resident.cpr", "supervisors[0]"), so the command's errors land next to the right inputs.
/// </summary>
public sealed record NewAgreementPageModel
{
    /// <summary>The municipalities the caseworker may create agreements in (from the 98), by name.</summary>
    public required IReadOnlyList<SelectOption> Municipalities { get; init; }

    /// <summary>The policy new agreements are pinned to (sent as a hidden field).</summary>
    public required string PolicyName { get; init; }

    /// <summary>The financing instrument the form offers first (configuration "Financing:DefaultInstrument").</summary>
    public required string DefaultInstrument { get; init; }

    /// <summary>Today (Danish calendar): the earliest planned move date.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>How many supervisor email fields (escalation levels) the form offers.</summary>
    public required int SupervisorFields { get; init; }

    /// <summary>What was typed, by field name (the CPR number too: it stays in its input until the agreement is created).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public FieldErrors Errors { get; init; } = FieldErrors.None;

    /// <summary>Why the agreement was not created although the form was valid, if so.</summary>
    public ActionRefusal? Refusal { get; init; }

    public string? Value(string field) => Values.TryGetValue(field, out var value) ? value : null;

    /// <summary>The supervisor field of a level (0-based): "supervisors[0]" is level 1.</summary>
    public static string SupervisorField(int index) => $"supervisors[{index}]";
}
